import { OAuth1Error } from '../errors.js';
import { rsaPrivateKey } from '../signature/keys.js';
import type { ConsumerCredentials } from '../signature/sign.js';
import { isRsaMethod, type SignatureMethod } from '../signature/signature-methods.js';

/** Checks the consumer credentials against the signature method up front, so a bad key fails at startup. */
export function validateConsumer(consumer: unknown, signatureMethod: SignatureMethod): ConsumerCredentials {
  if (typeof consumer !== 'object' || consumer === null) {
    throw new OAuth1Error(
      'invalid_config',
      'consumer must be an object: { key, secret } or { key, privateKey }',
    );
  }
  const c = consumer as ConsumerCredentials;
  if (typeof c.key !== 'string' || c.key === '') {
    throw new OAuth1Error(
      'invalid_config',
      'consumer.key must be a non-empty string (the consumer key the provider issued)',
    );
  }
  if (isRsaMethod(signatureMethod)) {
    rsaPrivateKey(c.privateKey);
  } else if (typeof c.secret !== 'string') {
    throw new OAuth1Error(
      'invalid_config',
      `consumer.secret must be a string for ${signatureMethod} (the consumer secret the provider issued)`,
    );
  }
  return c;
}
