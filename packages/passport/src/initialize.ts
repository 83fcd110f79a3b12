import { createOAuth1Flow, type OAuth1Flow } from '@oauth1a/core';
import { type OAuthCompat, oauthCompat } from './oauth-compat.js';
import {
  type OAuth1StrategyOptions,
  type OAuth1StrategyOptionsWithRequest,
  resolveFlowConfig,
  type SkipUserProfile,
} from './options.js';
import { sessionStore } from './session-store.js';
import type { RequestTokenStore } from './store.js';
import type { AnyVerifyFunction } from './verify.js';

/** The strategy's own properties, named as in passport-oauth1 where it has them. */
export interface StrategyFields {
  name: string;
  _verify: AnyVerifyFunction<never>;
  _flow: OAuth1Flow;
  _profileFlow: OAuth1Flow | undefined;
  _oauth: OAuthCompat;
  _callbackURL: string | undefined;
  _key: string;
  _requestTokenStore: RequestTokenStore;
  _trustProxy: boolean;
  _passReqToCallback: boolean;
  _skipUserProfile: SkipUserProfile;
}

/**
 * What `new OAuth1Strategy(options, verify)` does, written once so that ES5-style subclasses calling
 * `OAuth1Strategy.call(this, options, verify)` get the same.
 */
export function initializeStrategy(self: object, options: unknown, verify: unknown): void {
  if (typeof verify !== 'function') throw new TypeError('OAuth1Strategy requires a verify callback');
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      'OAuth1Strategy requires options: { requestTokenURL, accessTokenURL, userAuthorizationURL, consumerKey, consumerSecret, callbackURL } or { provider, consumer, callbackURL }',
    );
  }
  const opts = options as OAuth1StrategyOptions | OAuth1StrategyOptionsWithRequest;
  const { provider, consumer, sessionKey, fetch } = resolveFlowConfig(opts);
  const flowOptions = {
    consumer,
    fetch,
    timeoutMs: opts.timeoutMs,
    pendingTtlMs: opts.pendingTtlMs,
    maxPending: opts.maxPending,
  };
  // The legs run without the profile mapping, so that userProfile() (overridable) and skipUserProfile decide.
  const { profile: mapping, ...legs } = provider;
  const flow = createOAuth1Flow({ ...flowOptions, provider: legs });
  const fields: StrategyFields = {
    name: opts.name ?? 'oauth',
    _verify: verify as AnyVerifyFunction<never>,
    _flow: flow,
    _profileFlow: mapping === undefined ? undefined : createOAuth1Flow({ ...flowOptions, provider }),
    _oauth: oauthCompat(flow),
    _callbackURL: opts.callbackURL,
    _key: sessionKey,
    _requestTokenStore: opts.requestTokenStore ?? sessionStore(),
    _trustProxy: opts.proxy === true,
    _passReqToCallback: opts.passReqToCallback === true,
    _skipUserProfile: opts.skipUserProfile ?? false,
  };
  if (
    typeof fields._requestTokenStore.load !== 'function' ||
    typeof fields._requestTokenStore.save !== 'function'
  ) {
    throw new TypeError(
      'requestTokenStore must be a store with load() and save(): sessionStore() or sealedCookieStore({ password }); passport-oauth1 stores (get/set/destroy) keep no TTL and are not accepted',
    );
  }
  Object.assign(self, fields);
}
