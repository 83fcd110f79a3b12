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
 * and joined. The normalized string holds nothing but unreserved characters, `%`, `=` and `&`, so the
 * native encodeURIComponent is its exact RFC 3986 encoding. RFC 5849 section 3.4.1.1.
 */
export function encodedBaseString(method: string, uri: string, pairs: EncodedPair[]): string {
  pairs.sort(compareEncodedPairs);
  let normalized = '';
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    normalized += i === 0 ? `${pair[0]}=${pair[1]}` : `&${pair[0]}=${pair[1]}`;
  }
  return `${percentEncode(method)}&${percentEncode(uri)}&${encodeURIComponent(normalized)}`;
}
