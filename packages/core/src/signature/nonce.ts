import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// 248 = 4 * 62: bytes at or above it are dropped so that every character is equally likely.
const UNBIASED_LIMIT = 248;

/**
 * A cryptographically random nonce of `length` alphanumerics (strict providers reject anything else).
 * RFC 5849 section 3.3.
 */
export function generateNonce(length = 32): string {
  let nonce = '';
  while (nonce.length < length) {
    const bytes = randomBytes(length + 8);
    for (let i = 0; i < bytes.length && nonce.length < length; i++) {
      const byte = bytes[i]!;
      if (byte < UNBIASED_LIMIT) nonce += ALPHABET[byte % 62];
    }
  }
  return nonce;
}

/** Seconds since the epoch, as RFC 5849 section 3.3 defines `oauth_timestamp`. */
export function currentTimestamp(now: number = Date.now()): string {
  return String(Math.floor(now / 1000));
}
