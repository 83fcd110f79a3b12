import { percentEncode } from './percent-encode.js';

/** One request parameter as a name and a value, before encoding. Order and duplicates are kept. */
export type Parameter = readonly [name: string, value: string];

/**
 * Reads `application/x-www-form-urlencoded` pairs (a query string or a form body): `+` is a space and
 * every name and value is percent-decoded, as RFC 5849 section 3.4.1.3.1 requires.
 */
export function parseFormEncoded(source: string, into: Parameter[] = []): Parameter[] {
  if (source === '' || source === '?') return into;
  for (const [name, value] of new URLSearchParams(source)) into.push([name, value]);
  return into;
}

/**
 * The normalized request parameters string: names and values encoded, sorted by name then value (byte
 * order of the encoded forms), joined as `name=value` with `&`. RFC 5849 section 3.4.1.3.2.
 */
export function normalizeParameters(parameters: readonly Parameter[]): string {
  const encoded: Array<[string, string]> = new Array(parameters.length);
  for (let i = 0; i < parameters.length; i++) {
    const [name, value] = parameters[i]!;
    encoded[i] = [percentEncode(name), percentEncode(value)];
  }
  encoded.sort(compareEncodedPairs);
  let normalized = '';
  for (let i = 0; i < encoded.length; i++) {
    const [name, value] = encoded[i]!;
    normalized += i === 0 ? `${name}=${value}` : `&${name}=${value}`;
  }
  return normalized;
}

// Encoded strings are pure ASCII, so `<` on them is byte order. Names compare first: joining
// "name=value" and sorting those would misplace "a-" before "a" ('-' sorts below '=').
function compareEncodedPairs(a: readonly [string, string], b: readonly [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
