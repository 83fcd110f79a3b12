import { randomFillSync } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// 248 = 4 * 62: bytes at or above it are dropped so that every character is equally likely.
const UNBIASED_LIMIT = 248;

// One system call fills 4 KiB of random bytes for about a hundred nonces: asking the kernel for 40 bytes
// per request cost more than the HMAC itself. Each byte is used once.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomByte(): number {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++]!;
}

/**
 * A cryptographically random nonce of `length` alphanumerics (strict providers reject anything else).
 * RFC 5849 section 3.3.
 */
export function generateNonce(length = 32): string {
  let nonce = '';
  while (nonce.length < length) {
    const byte = randomByte();
    if (byte < UNBIASED_LIMIT) nonce += ALPHABET[byte % 62];
  }
  return nonce;
}

/** Seconds since the epoch, as RFC 5849 section 3.3 defines `oauth_timestamp`. */
export function currentTimestamp(now: number = Date.now()): string {
  return String(Math.floor(now / 1000));
}
