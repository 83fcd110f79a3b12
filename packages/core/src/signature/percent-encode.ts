import { OAuth1Error } from '../errors.js';

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const RESERVED_BY_OAUTH = /[!'()*]/;
const RESERVED_BY_OAUTH_ALL = /[!'()*]/g;

function hexEscape(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

function loneSurrogate(): OAuth1Error {
  return new OAuth1Error(
    'invalid_config',
    'a parameter holds a lone UTF-16 surrogate, which has no UTF-8 form',
    {
      cause: new URIError('URI malformed'),
    },
  );
}

/**
 * Percent-encodes a string as RFC 5849 requires: UTF-8 bytes, every character outside the RFC 3986
 * unreserved set (`A-Z a-z 0-9 - . _ ~`) as `%XX` with upper-case hex. RFC 5849 section 3.6.
 */
export function percentEncode(value: string): string {
  if (typeof value !== 'string') {
    throw new OAuth1Error('invalid_config', `percentEncode expects a string, got ${typeof value}`);
  }
  // Signing encodes many short strings that need no encoding at all: test before building anything.
  if (UNRESERVED_ONLY.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value); // native, and fast on long strings such as the base string
  } catch {
    throw loneSurrogate();
  }
  // encodeURIComponent leaves !'()* alone; RFC 3986 reserves them.
  return RESERVED_BY_OAUTH.test(encoded) ? encoded.replace(RESERVED_BY_OAUTH_ALL, hexEscape) : encoded;
}

/**
 * Decodes a percent-encoded string (as in the Authorization header, RFC 5849 section 3.5.1). A `+` stays a
 * plus: only form bodies and queries treat it as a space.
 */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch (cause) {
    throw new OAuth1Error('invalid_request', 'a parameter holds a malformed percent-encoding', { cause });
  }
}
