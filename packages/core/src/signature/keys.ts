import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { OAuth1Error } from '../errors.js';

// Parsing a PEM costs far more than signing with it; apps sign with a handful of keys, so a small cache
// keyed by the PEM text pays off without holding on to many keys.
const MAX_CACHED_KEYS = 16;
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function remember(cache: Map<string, KeyObject>, pem: string, key: KeyObject): KeyObject {
  if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value as string);
  cache.set(pem, key);
  return key;
}

function assertRsa(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new OAuth1Error(
      'invalid_config',
      `${what} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; RSA-SHA1 and RSA-SHA256 need an RSA key`,
    );
  }
  return key;
}

/** An RSA private key from a PEM string or a KeyObject, with a coded error for anything else. */
export function rsaPrivateKey(key: string | KeyObject | undefined): KeyObject {
  if (key === undefined || key === '') {
    throw new OAuth1Error(
      'invalid_config',
      'RSA signature methods need consumer.privateKey: a PEM-encoded RSA private key or a KeyObject',
    );
  }
  if (typeof key !== 'string') {
    // instanceof, not duck typing: an object that merely looks like a KeyObject makes crypto.sign throw a TypeError.
    if (key instanceof KeyObject && key.type === 'private') {
      return assertRsa(key, 'consumer.privateKey');
    }
    throw new OAuth1Error(
      'invalid_config',
      'consumer.privateKey must be a PEM string or a private KeyObject',
    );
  }
  const cached = privateKeys.get(key);
  if (cached) return cached;
  let parsed: KeyObject;
  try {
    parsed = createPrivateKey(key);
  } catch {
    // The cause would echo the key material's parse error; leave it out.
    throw new OAuth1Error(
      'invalid_config',
      'consumer.privateKey is not a valid PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")',
    );
  }
  return remember(privateKeys, key, assertRsa(parsed, 'consumer.privateKey'));
}

/** An RSA public key (or certificate) from a PEM string or a KeyObject, for verification. */
export function rsaPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') {
    if (!(key instanceof KeyObject) || key.type === 'secret') {
      throw new OAuth1Error('invalid_config', 'publicKey must be a PEM string or an RSA KeyObject');
    }
    return assertRsa(key.type === 'private' ? createPublicKey(key) : key, 'publicKey');
  }
  const cached = publicKeys.get(key);
  if (cached) return cached;
  let parsed: KeyObject;
  try {
    parsed = createPublicKey(key);
  } catch {
    throw new OAuth1Error('invalid_config', 'publicKey is not a valid PEM public key or certificate');
  }
  return remember(publicKeys, key, assertRsa(parsed, 'publicKey'));
}
