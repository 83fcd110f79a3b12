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
