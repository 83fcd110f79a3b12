/** The signature methods oauth1a signs and verifies with. RFC 5849 section 3.4, plus SHA-2 variants. */
export const SIGNATURE_METHODS = [
  'HMAC-SHA1',
  'HMAC-SHA256',
  'HMAC-SHA512',
  'RSA-SHA1',
  'RSA-SHA256',
  'PLAINTEXT',
] as const;

export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export function isSignatureMethod(value: unknown): value is SignatureMethod {
  return typeof value === 'string' && (SIGNATURE_METHODS as readonly string[]).includes(value);
}

/** The digest behind each method; PLAINTEXT has none of its own (body hashes fall back to SHA-1). */
export const DIGEST_OF: { readonly [M in SignatureMethod]: 'sha1' | 'sha256' | 'sha512' } = {
  'HMAC-SHA1': 'sha1',
  'HMAC-SHA256': 'sha256',
  'HMAC-SHA512': 'sha512',
  'RSA-SHA1': 'sha1',
  'RSA-SHA256': 'sha256',
  PLAINTEXT: 'sha1',
};

export function isRsaMethod(method: SignatureMethod): method is 'RSA-SHA1' | 'RSA-SHA256' {
  return method === 'RSA-SHA1' || method === 'RSA-SHA256';
}
