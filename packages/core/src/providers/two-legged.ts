import type { FetchLike } from '../client/send.js';
import { createSignedFetch, type SignedFetch, type Transport } from '../client/signed-fetch.js';
import { OAuth1Error } from '../errors.js';
import type { ConsumerCredentials } from '../signature/sign.js';
import type { SignatureMethod } from '../signature/signature-methods.js';

/**
 * A two-legged (consumer-only) API: no token legs, so not a ProviderConfig (which requires the three
 * URLs). Every request is signed with the consumer alone; `baseUrl` is where the API lives.
 */
export interface TwoLeggedConfig {
  id: string;
  name: string;
  baseUrl: string;
  signatureMethod?: SignatureMethod;
  /** Where the oauth_* parameters go; WooCommerce over plain HTTP wants `'query'`. */
  transport: Transport;
  realm?: string;
  includeVersion?: boolean;
}

export interface TwoLeggedFetchOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
}

/**
 * A signed `fetch` for a two-legged API; relative paths resolve against `config.baseUrl`
 * (`api('products')` is `${baseUrl}/products`).
 */
export function createTwoLeggedFetch(
  config: TwoLeggedConfig,
  consumer: ConsumerCredentials,
  options: TwoLeggedFetchOptions = {},
): SignedFetch {
  let base: URL;
  try {
    base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
  } catch {
    throw new OAuth1Error('invalid_config', `${config.id}: baseUrl must be an absolute http(s) URL`);
  }
  const signed = createSignedFetch({
    consumer,
    signatureMethod: config.signatureMethod,
    realm: config.realm,
    includeVersion: config.includeVersion,
    transport: config.transport,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  return (input, init) =>
    signed(typeof input === 'string' && !/^https?:/i.test(input) ? new URL(input, base) : input, init);
}
