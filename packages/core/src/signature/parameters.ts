import { compareEncodedPairs, type EncodedPair } from './base-string.js';
import { percentEncode } from './percent-encode.js';

/** One request parameter as a name and a value, before encoding. Order and duplicates are kept. */
export type Parameter = readonly [name: string, value: string];

/**
 * Reads `application/x-www-form-urlencoded` pairs (a query string or a form body): `+` is a space and
 * every name and value is percent-decoded, as RFC 5849 section 3.4.1.3.1 requires.
 */
export function parseFormEncoded(source: string, into: Parameter[] = []): Parameter[] {
  if (source === '' || source === '?') return into;
  // A hand-rolled split is several times faster than URLSearchParams on the common, well-formed input;
  // anything decodeURIComponent refuses (a stray `%`, invalid UTF-8) goes to URLSearchParams, whose
  // lenient WHATWG decoding is the reference, so the result is the same either way.
  const start = into.length;
  const text = source.charCodeAt(0) === 0x3f ? source.slice(1) : source; // a leading "?", as URLSearchParams
  try {
    let from = 0;
    while (from <= text.length) {
      let end = text.indexOf('&', from);
      if (end === -1) end = text.length;
      if (end > from) {
        const equals = text.indexOf('=', from);
        const split = equals === -1 || equals > end ? end : equals;
        into.push([
          decodeFormComponent(text.slice(from, split)),
          split === end ? '' : decodeFormComponent(text.slice(split + 1, end)),
        ]);
      }
      from = end + 1;
    }
  } catch {
    into.length = start;
    for (const [name, value] of new URLSearchParams(source)) into.push([name, value]);
  }
  return into;
}

function decodeFormComponent(raw: string): string {
  const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
}

/**
 * The normalized request parameters string: names and values encoded, sorted by name then value (byte
 * order of the encoded forms), joined as `name=value` with `&`. RFC 5849 section 3.4.1.3.2.
 */
export function normalizeParameters(parameters: readonly Parameter[]): string {
  const encoded: EncodedPair[] = new Array(parameters.length);
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
