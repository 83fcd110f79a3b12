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
  /**
   * Default true: the request-token answer must say `oauth_callback_confirmed=true` (RFC 5849). `false`
   * for an OAuth 1.0 provider (TripIt), which then gets `oauth_callback` on the authorize redirect.
   */
  callbackConfirmed?: boolean;
  /** Default true; `false` for OAuth 1.0 providers whose callback carries no `oauth_verifier` (Goodreads). */
  sendsVerifier?: boolean;
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
  /**
   * Where the provider sends the user back; per login: authenticate's `callbackURL`. Absolute, or
   * relative (`/auth/x/callback`): resolved against `origin`, or against the request's origin when that
   * is a loopback host (local development); any other host is refused. Omitted: the provider uses the
   * callback registered with it (`oauth_callback=""` is sent, as passport-oauth1 does).
   */
  callbackURL?: string;
  /** Your app's public origin (`https://app.example.com`), for a relative callbackURL on a public host. */
  origin?: string;
  /** Strategy name for `passport.authenticate(name)`; default `'oauth'`. */
  name?: string;
  /** Headers added to the token requests (and the profile request), e.g. a `User-Agent`. */
  customHeaders?: Record<string, string>;
  /** Where the pending login lives: `req.session[sessionKey]`; default `oauth:<host of requestTokenURL>`. */
  sessionKey?: string;
  /**
   * passport-oauth1's store interface (`get`/`set`/`destroy`); default `sessionStore()`.
   * `sealedCookieStore({ password })` needs no server session. `true` keeps `authenticate(req, { state })`
   * in the session store, as passport-oauth1's state store (the built-in stores always keep it).
   */
  requestTokenStore?: RequestTokenStore | boolean;
  /** passport-oauth1's other name for `requestTokenStore`. */
  store?: RequestTokenStore | boolean;
  /** Do not fetch the profile: verify gets the one the access-token answer gives. */
  skipUserProfile?: SkipUserProfile;
  /**
   * Accepted for passport-oauth1 compatibility, with no effect: X-Forwarded-* count only through your
   * framework's own trust decision (Express's `trust proxy`, Koa's `proxy`).
   */
  proxy?: boolean;
  /** oauth1a extensions, passed to core's flow. */
  fetch?: FetchLike;
  timeoutMs?: number;
  /** How long a pending login stays valid; default 10 minutes. */
  pendingTtlMs?: number;
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

// passport-oauth1's wording, which people search for when they debug ("requires a accessTokenURL" included).
function required(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`OAuthStrategy requires a ${name} option`);
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
    throw new TypeError('OAuthStrategy requires requestTokenURL to be an absolute http(s) URL');
  }
  const provider: ProviderConfig = { id: host, name: host, requestTokenUrl, authorizeUrl, accessTokenUrl };
  if (options.signatureMethod !== undefined) provider.signatureMethod = options.signatureMethod;
  if (options.realm !== undefined) provider.realm = options.realm;
  if (options.callbackConfirmed !== undefined) provider.callbackConfirmed = options.callbackConfirmed;
  if (options.sendsVerifier !== undefined) provider.sendsVerifier = options.sendsVerifier;
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
        throw new TypeError('OAuthStrategy requires a consumerSecret option (or consumer: { key, secret })');
      }
      consumer = consumerFrom(key, options.consumerSecret, provider.signatureMethod);
    }
  } else {
    provider = providerFrom(options);
    const key = required(options.consumerKey, 'consumerKey');
    if (typeof options.consumerSecret !== 'string') {
      throw new TypeError('OAuthStrategy requires a consumerSecret option');
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
  return { provider, consumer, sessionKey: options.sessionKey || `oauth:${host}`, fetch };
}
