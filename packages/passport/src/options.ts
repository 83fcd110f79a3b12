import type { ConsumerCredentials, FetchLike, ProviderConfig, SignatureMethod } from '@oauth1a/core';
import { withHeaders } from './custom-headers.js';
import type { RequestTokenStore } from './store.js';

/** passport-oauth1's option names: the three endpoints and the consumer key and secret. */
export interface EndpointOptions {
  requestTokenURL: string;
  accessTokenURL: string;
  userAuthorizationURL: string;
  consumerKey: string;
  /** The consumer secret, or, for RSA-SHA1 / RSA-SHA256, the PEM private key (as in passport-oauth1). */
  consumerSecret: string;
  /** Default `'HMAC-SHA1'`; passport-oauth1 knows HMAC-SHA1, RSA-SHA1 and PLAINTEXT, oauth1a all six. */
  signatureMethod?: SignatureMethod;
  /** oauth1a extension: the `realm` of the Authorization header (NetSuite). */
  realm?: string;
  provider?: never;
}

/** The oauth1a way: a core `ProviderConfig` (a preset from `@oauth1a/core/providers`, say). */
export interface ProviderOptions {
  provider: ProviderConfig;
  /** `{ key, secret }` or `{ key, privateKey }`; or give `consumerKey` and `consumerSecret` instead. */
  consumer?: ConsumerCredentials;
  consumerKey?: string;
  consumerSecret?: string;
}

/** `skipUserProfile`: a boolean, a function answering now, or one answering through a callback. */
export type SkipUserProfile =
  | boolean
  | (() => boolean)
  | ((token: string, tokenSecret: string, done: (error: unknown, skip?: boolean) => void) => void);

export interface CommonOptions {
  /** Absolute, or relative to the request's URL (`/auth/x/callback`); per request: authenticate's `callbackURL`. */
  callbackURL?: string;
  /** Strategy name for `passport.authenticate(name)`; default `'oauth'`. */
  name?: string;
  /** Headers added to the token requests (and the profile request), e.g. a `User-Agent`. */
  customHeaders?: Record<string, string>;
  /** Where the pending authorizations live in the store; default `oauth1:<host of requestTokenURL>`. */
  sessionKey?: string;
  /** Default `sessionStore()`; `sealedCookieStore({ password })` needs no server session. */
  requestTokenStore?: RequestTokenStore;
  /** Do not fetch the profile: verify gets the one the access-token answer gives. */
  skipUserProfile?: SkipUserProfile;
  /** Trust `X-Forwarded-Proto`/`-Host` when resolving a relative callbackURL. */
  proxy?: boolean;
  /** oauth1a extensions, passed to core's flow. */
  fetch?: FetchLike;
  timeoutMs?: number;
  pendingTtlMs?: number;
  maxPending?: number;
}

/** Options of a strategy whose verify callback starts with the token. */
export type OAuth1StrategyOptions = (EndpointOptions | ProviderOptions) &
  CommonOptions & {
    passReqToCallback?: false;
  };

/** Options of a strategy whose verify callback gets `req` first. */
export type OAuth1StrategyOptionsWithRequest = (EndpointOptions | ProviderOptions) &
  CommonOptions & {
    passReqToCallback: true;
  };

export interface ResolvedFlowConfig {
  provider: ProviderConfig;
  consumer: ConsumerCredentials;
  sessionKey: string;
  fetch: FetchLike | undefined;
}

function required(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`OAuth1Strategy requires a ${name} option`);
  }
  return value;
}

function consumerFrom(key: string, secret: string, method: SignatureMethod | undefined): ConsumerCredentials {
  return method?.startsWith('RSA-') ? { key, privateKey: secret } : { key, secret };
}

function providerFrom(options: EndpointOptions): ProviderConfig {
  const requestTokenUrl = required(options.requestTokenURL, 'requestTokenURL');
  const accessTokenUrl = required(options.accessTokenURL, 'accessTokenURL');
  const authorizeUrl = required(options.userAuthorizationURL, 'userAuthorizationURL');
  let host: string;
  try {
    host = new URL(requestTokenUrl).host;
  } catch {
    throw new TypeError('OAuth1Strategy requires requestTokenURL to be an absolute http(s) URL');
  }
  const provider: ProviderConfig = { id: host, name: host, requestTokenUrl, authorizeUrl, accessTokenUrl };
  if (options.signatureMethod !== undefined) provider.signatureMethod = options.signatureMethod;
  if (options.realm !== undefined) provider.realm = options.realm;
  return provider;
}

/** The core provider config and consumer either option style describes, and the per-provider key. */
export function resolveFlowConfig(
  options: OAuth1StrategyOptions | OAuth1StrategyOptionsWithRequest,
): ResolvedFlowConfig {
  let provider: ProviderConfig;
  let consumer: ConsumerCredentials;
  if (options.provider !== undefined) {
    provider = options.provider;
    if (options.consumer !== undefined) consumer = options.consumer;
    else {
      const key = required(options.consumerKey, 'consumer ({ key, secret }) or a consumerKey');
      if (typeof options.consumerSecret !== 'string') {
        throw new TypeError('OAuth1Strategy requires a consumerSecret option (or consumer: { key, secret })');
      }
      consumer = consumerFrom(key, options.consumerSecret, provider.signatureMethod);
    }
  } else {
    provider = providerFrom(options);
    const key = required(options.consumerKey, 'consumerKey');
    if (typeof options.consumerSecret !== 'string') {
      throw new TypeError('OAuth1Strategy requires a consumerSecret option');
    }
    consumer = consumerFrom(key, options.consumerSecret, provider.signatureMethod);
  }
  let host = provider.id;
  try {
    host = new URL(provider.requestTokenUrl).host;
  } catch {
    // core's validation names the bad URL.
  }
  const fetch =
    options.customHeaders === undefined ? options.fetch : withHeaders(options.customHeaders, options.fetch);
  return { provider, consumer, sessionKey: options.sessionKey ?? `oauth1:${host}`, fetch };
}
