import { createHmac, type KeyObject, sign as rsaSign, verify as rsaVerify } from 'node:crypto';
import { OAuth1Error } from '../errors.js';
import { rsaPrivateKey, rsaPublicKey } from './keys.js';
import { percentEncode } from './percent-encode.js';
import { DIGEST_OF, isRsaMethod, type SignatureMethod } from './signature-methods.js';

export interface SigningSecrets {
  consumerSecret?: string | undefined;
  tokenSecret?: string | undefined;
  privateKey?: string | KeyObject | undefined;
}

/** `encode(consumer secret) & encode(token secret)`: RFC 5849 sections 3.4.2 and 3.4.4. */
export function signingKey(consumerSecret: string, tokenSecret = ''): string {
  return `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
}

function requireConsumerSecret(method: SignatureMethod, secret: string | undefined): string {
  if (typeof secret !== 'string') {
    throw new OAuth1Error('invalid_config', `${method} needs consumer.secret (a string); none was given`);
  }
  return secret;
}

/**
 * Computes `oauth_signature` (not yet percent-encoded) for a base string.
 * RFC 5849 sections 3.4.2 (HMAC-SHA1), 3.4.3 (RSA-SHA1) and 3.4.4 (PLAINTEXT); SHA-2 variants alike.
 */
export function computeSignature(
  method: SignatureMethod,
  baseString: string,
  secrets: SigningSecrets,
): string {
  if (method === 'PLAINTEXT') {
    return signingKey(requireConsumerSecret(method, secrets.consumerSecret), secrets.tokenSecret);
  }
  if (isRsaMethod(method)) {
    return rsaSign(DIGEST_OF[method], Buffer.from(baseString), rsaPrivateKey(secrets.privateKey)).toString(
      'base64',
    );
  }
  const key = signingKey(requireConsumerSecret(method, secrets.consumerSecret), secrets.tokenSecret);
  return createHmac(DIGEST_OF[method], key).update(baseString).digest('base64');
}

/** Checks an RSA signature against the consumer's public key. RFC 5849 section 3.4.3.2. */
export function verifyRsaSignature(
  method: 'RSA-SHA1' | 'RSA-SHA256',
  baseString: string,
  signature: string,
  publicKey: string | KeyObject,
): boolean {
  return rsaVerify(
    DIGEST_OF[method],
    Buffer.from(baseString),
    rsaPublicKey(publicKey),
    Buffer.from(signature, 'base64'),
  );
}
