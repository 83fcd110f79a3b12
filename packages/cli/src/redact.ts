import { percentEncode } from '@oauth1a/core';

/** Secrets shorter than this are not masked: masking "a" everywhere would garble every line. */
const MIN_SECRET_LENGTH = 4;
export const MASK = '***';

/** Every form in which a secret may reach the terminal: as is, percent-encoded (PLAINTEXT signatures, bodies). */
function forms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      percentEncode(secret),
      encodeURIComponent(secret),
      percentEncode(percentEncode(secret)),
    ]),
  ];
}

/** Replaces each secret (and its encoded forms) in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  const all = secrets
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .flatMap(forms)
    .sort((a, b) => b.length - a.length);
  for (const form of all) out = out.split(form).join(MASK);
  return out;
}
