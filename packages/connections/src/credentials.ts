import { type ConsumerCredentials, OAuth1Error } from '@oauth1a/core';

/** What a connection's `sealed` column holds once opened. */
export interface SealedCredentials {
  token: string;
  tokenSecret: string;
  sessionHandle?: string;
  /** A per-connection consumer's secret parts (its key is stored in plain). */
  consumerSecret?: string;
  consumerPrivateKey?: string;
}

/** What a pending authorization's `sealed` column holds once opened. */
export interface SealedPending {
  requestTokenSecret: string;
  consumerSecret?: string;
  consumerPrivateKey?: string;
}

/** The secret parts of a per-connection consumer, to seal beside the token. */
export function consumerSecrets(
  consumer: ConsumerCredentials | undefined,
): Pick<SealedCredentials, 'consumerSecret' | 'consumerPrivateKey'> {
  if (consumer === undefined) return {};
  const out: Pick<SealedCredentials, 'consumerSecret' | 'consumerPrivateKey'> = {};
  if (consumer.secret !== undefined) out.consumerSecret = consumer.secret;
  if (consumer.privateKey !== undefined) {
    if (typeof consumer.privateKey !== 'string') {
      throw new OAuth1Error(
        'invalid_config',
        "a connection's own consumer.privateKey must be a PEM string (it is sealed and stored)",
      );
    }
    out.consumerPrivateKey = consumer.privateKey;
  }
  return out;
}

/**
 * The consumer a connection signs with: its own (key stored in plain, secret sealed) on every leg and
 * every call, else the app's.
 */
export function consumerFor(
  consumerKey: string | undefined,
  sealed: Pick<SealedCredentials, 'consumerSecret' | 'consumerPrivateKey'>,
  appConsumer: ConsumerCredentials | undefined,
  providerKey: string,
): ConsumerCredentials {
  if (consumerKey !== undefined) {
    const consumer: ConsumerCredentials = { key: consumerKey };
    if (sealed.consumerSecret !== undefined) consumer.secret = sealed.consumerSecret;
    if (sealed.consumerPrivateKey !== undefined) consumer.privateKey = sealed.consumerPrivateKey;
    return consumer;
  }
  if (appConsumer === undefined) {
    throw new OAuth1Error(
      'invalid_config',
      `provider "${providerKey}" has no consumer: give providers.${providerKey}.consumer, or a consumer to connect()`,
    );
  }
  return appConsumer;
}
