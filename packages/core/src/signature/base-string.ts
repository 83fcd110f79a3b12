import { percentEncode } from './percent-encode.js';

/**
 * The base string URI: scheme and host lower-cased, the default port (80 for http, 443 for https)
 * dropped, the path kept as sent, and no userinfo, query or fragment. RFC 5849 section 3.4.1.2.
 * WHATWG `URL` already lower-cases scheme and host and empties `port` when it is the default.
 */
export function baseStringUri(url: URL): string {
  const port = url.port === '' ? '' : `:${url.port}`;
  return `${url.protocol}//${url.hostname}${port}${url.pathname || '/'}`;
}

/**
 * The signature base string: method, base string URI and normalized parameters, each encoded and
 * joined with `&`. RFC 5849 section 3.4.1.1.
 */
export function signatureBaseString(method: string, uri: string, normalizedParameters: string): string {
  return `${percentEncode(method)}&${percentEncode(uri)}&${percentEncode(normalizedParameters)}`;
}

/** A parameter name and value, both already percent-encoded. */
export type EncodedPair = readonly [name: string, value: string];

// Encoded strings are pure ASCII, so `<` on them is byte order. Names compare first: joining
// "name=value" and sorting those would misplace "a-" before "a" ('-' sorts below '=').
export function compareEncodedPairs(a: EncodedPair, b: EncodedPair): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

/**
 * The signature base string from pairs already encoded: sorted in place (RFC 5849 section 3.4.1.3.2)
 * and joined. Each pair holds nothing but unreserved characters and `%XX`, so encoding the normalized
 * string once more only turns `%` into `%25`, `=` into `%3D` and `&` into `%26`: done pair by pair here,
 * which saves building the normalized string and a second pass over it. RFC 5849 section 3.4.1.1.
 */
export function encodedBaseString(method: string, encodedUri: string, pairs: EncodedPair[]): string {
  pairs.sort(compareEncodedPairs);
  let base = `${percentEncode(method)}&${encodedUri}&`;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    if (i !== 0) base += '%26';
    base += `${encodeAgain(pair[0])}%3D${encodeAgain(pair[1])}`;
  }
  return base;
}

/** An already percent-encoded component, encoded a second time (only its `%` changes). */
function encodeAgain(encoded: string): string {
  return encoded.indexOf('%') === -1 ? encoded : encoded.replace(PERCENT, '%25');
}

const PERCENT = /%/g;
