import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConsumerCredentials, ProviderConfig } from '@oauth1a/core';
import { flagOrEnv, UsageError } from './args.js';
import type { StoredProfile } from './profile-store.js';

export interface ConsumerFlags {
  'consumer-key'?: string | undefined;
  'consumer-secret'?: string | undefined;
  'private-key'?: string | undefined;
}

const isRsa = (provider: Pick<ProviderConfig, 'signatureMethod'>): boolean =>
  provider.signatureMethod?.startsWith('RSA-') === true;

/** The PEM of `--private-key`, with a one-line error when it cannot be read. */
export function readPrivateKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(
      `cannot read --private-key ${path} (${code})`,
      'pass the path of a readable PEM private key',
    );
  }
}

/** Consumer credentials from flags (or OAUTH1A_CONSUMER_KEY / OAUTH1A_CONSUMER_SECRET), checked for the method. */
export function consumerFromFlags(
  flags: ConsumerFlags,
  env: Record<string, string | undefined>,
  provider: Pick<ProviderConfig, 'signatureMethod'>,
): { consumer: ConsumerCredentials; stored: StoredProfile['consumer'] } {
  const key = flagOrEnv(flags['consumer-key'], env, 'OAUTH1A_CONSUMER_KEY');
  if (key === undefined) {
    throw new UsageError(
      '--consumer-key is required',
      'pass --consumer-key KEY (or set OAUTH1A_CONSUMER_KEY)',
    );
  }
  const secret = flagOrEnv(flags['consumer-secret'], env, 'OAUTH1A_CONSUMER_SECRET');
  const keyPath = flags['private-key'];
  if (keyPath !== undefined) {
    const privateKeyPath = resolve(keyPath);
    const consumer: ConsumerCredentials = { key, privateKey: readPrivateKey(privateKeyPath) };
    if (secret !== undefined) consumer.secret = secret;
    return { consumer, stored: { key, privateKeyPath, ...(secret === undefined ? {} : { secret }) } };
  }
  if (isRsa(provider)) {
    throw new UsageError(
      `${provider.signatureMethod} needs --private-key`,
      'pass --private-key path/to/key.pem',
    );
  }
  if (secret === undefined) {
    throw new UsageError(
      '--consumer-secret is required',
      'pass --consumer-secret SECRET (or set OAUTH1A_CONSUMER_SECRET)',
    );
  }
  return { consumer: { key, secret }, stored: { key, secret } };
}

/** The consumer of a stored profile; the private key is read again from its path. */
export function consumerFromProfile(stored: StoredProfile['consumer']): ConsumerCredentials {
  const consumer: ConsumerCredentials = { key: stored.key };
  if (stored.secret !== undefined) consumer.secret = stored.secret;
  if (stored.privateKeyPath !== undefined) consumer.privateKey = readPrivateKey(stored.privateKeyPath);
  return consumer;
}
