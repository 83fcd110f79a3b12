import { createHash } from 'node:crypto';
import { DIGEST_OF, type SignatureMethod } from './signature-methods.js';

/**
 * `oauth_body_hash`: base64 of the body's digest, with the digest of the signature method (SHA-1 for
 * HMAC-SHA1, RSA-SHA1 and PLAINTEXT). An absent body hashes as the empty string. OAuth Request Body
 * Hash extension, section 3.1; it is never sent with form-encoded bodies (section 3.2).
 */
export function bodyHash(body: string | Uint8Array | undefined, method: SignatureMethod): string {
  return createHash(DIGEST_OF[method])
    .update(body ?? '')
    .digest('base64');
}
