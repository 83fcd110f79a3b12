import { OAuth1Error } from '../errors.js';

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const RESERVED_BY_OAUTH = /[!'()*]/g;

function hexEscape(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * Percent-encodes a string as RFC 5849 requires: UTF-8 bytes, every character outside the RFC 3986
 * unreserved set (`A-Z a-z 0-9 - . _ ~`) as `%XX` with upper-case hex. RFC 5849 section 3.6.
 */
export function percentEncode(value: string): string {
  if (typeof value !== 'string') {
    throw new OAuth1Error('invalid_config', `percentEncode expects a string, got ${typeof value}`);
  }
  if (UNRESERVED_ONLY.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch (cause) {
    throw new OAuth1Error(
      'invalid_config',
      'a parameter holds a lone UTF-16 surrogate, which has no UTF-8 form',
      {
        cause,
      },
    );
  }
  return encoded.replace(RESERVED_BY_OAUTH, hexEscape);
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
