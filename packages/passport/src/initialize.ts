import {
  createOAuth1Flow,
  DEFAULT_PENDING_TTL_MS,
  type OAuth1Flow,
  type ProviderConfig,
} from '@oauth1a/core';
import { OAuth } from './node-oauth.js';
import {
  type OAuth1StrategyOptions,
  type OAuth1StrategyOptionsWithRequest,
  resolveFlowConfig,
  type SkipUserProfile,
} from './options.js';
import { sessionStore } from './session-store.js';
import { isRequestTokenStore, type RequestTokenStore } from './store.js';
import type { AnyVerifyFunction } from './verify.js';

/** The strategy's own properties, named as in passport-oauth1 where it has them. */
export interface StrategyFields {
  name: string;
  _verify: AnyVerifyFunction<never>;
  /** Core's flow: the provider config (validated), "who am I" and the signed fetch. */
  _flow: OAuth1Flow;
  _oauth: OAuth;
  _userAuthorizationURL: string;
  _callbackURL: string | undefined;
  _origin: string | undefined;
  _key: string;
  _requestTokenStore: RequestTokenStore;
  _pendingTtlMs: number;
  _trustProxy: boolean;
  _passReqToCallback: boolean;
  _skipUserProfile: SkipUserProfile;
}

const OPTIONS_MISSING =
  'OAuthStrategy requires options before the verify callback: new OAuthStrategy({ requestTokenURL, accessTokenURL, userAuthorizationURL, consumerKey, consumerSecret, callbackURL }, verify), or { provider, consumer, callbackURL } with a preset';

function storeFrom(value: unknown): RequestTokenStore {
  if (value === undefined || value === null || value === false || value === true) return sessionStore();
  if (isRequestTokenStore(value)) return value;
  throw new TypeError(
    'requestTokenStore must be a store with get(req, token, meta, cb), set(req, token, tokenSecret, state, meta, cb) and destroy(req, token, meta, cb): sessionStore(), sealedCookieStore({ password }) or your own',
  );
}

function originFrom(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(String(value));
    if (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.origin === String(value).replace(/\/$/, '')
    ) {
      return url.origin;
    }
  } catch {
    // Falls through to the error below.
  }
  throw new TypeError(`origin must be your app's public origin, such as https://app.example.com (no path)`);
}

/**
 * What `new OAuth1Strategy(options, verify)` does, written once so that ES5-style subclasses calling
 * `OAuth1Strategy.call(this, options, verify)` get the same.
 */
export function initializeStrategy(self: object, options: unknown, verify: unknown): void {
  if (typeof options === 'function') throw new TypeError(OPTIONS_MISSING);
  if (typeof verify !== 'function') throw new TypeError('OAuthStrategy requires a verify callback');
  if (typeof options !== 'object' || options === null) throw new TypeError(OPTIONS_MISSING);
  const opts = options as OAuth1StrategyOptions | OAuth1StrategyOptionsWithRequest;
  const { provider, consumer, sessionKey, fetch } = resolveFlowConfig(opts);
  // The flow runs without the profile mapping when there is none; userProfile() (overridable) decides.
  const flow = createOAuth1Flow({ provider, consumer, fetch, timeoutMs: opts.timeoutMs });
  const validated: ProviderConfig = flow.provider;
  const fields: StrategyFields = {
    name: opts.name ?? 'oauth',
    _verify: verify as AnyVerifyFunction<never>,
    _flow: flow,
    _oauth: new OAuth({
      provider: validated,
      consumer,
      fetch: opts.fetch,
      timeoutMs: opts.timeoutMs,
      customHeaders: opts.customHeaders,
    }),
    _userAuthorizationURL: validated.authorizeUrl,
    _callbackURL: opts.callbackURL,
    _origin: originFrom(opts.origin),
    _key: sessionKey,
    _requestTokenStore: storeFrom(opts.store || opts.requestTokenStore),
    _pendingTtlMs: opts.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS,
    _trustProxy: opts.proxy === true,
    _passReqToCallback: opts.passReqToCallback === true,
    _skipUserProfile: opts.skipUserProfile ?? false,
  };
  Object.assign(self, fields);
}
