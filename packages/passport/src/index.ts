// The public surface of @oauth1a/passport.
import { callableAsFunction } from './es5-callable.js';
import { initializeStrategy } from './initialize.js';
import { OAuth1Strategy as OAuth1StrategyClass } from './strategy.js';

/**
 * The OAuth 1.0a Passport strategy (see `strategy.ts`). Also callable as
 * `OAuth1Strategy.call(this, options, verify)` for ES5-style subclasses written for passport-oauth1.
 */
export const OAuth1Strategy: typeof OAuth1StrategyClass = callableAsFunction(
  OAuth1StrategyClass,
  initializeStrategy,
);
export type OAuth1Strategy<Req extends StrategyRequest = StrategyRequest> = OAuth1StrategyClass<Req>;
/** passport-oauth1's export name, so `const { OAuthStrategy } = require(...)` keeps working. */
export const OAuthStrategy: typeof OAuth1StrategyClass = OAuth1Strategy;
export type OAuthStrategy<Req extends StrategyRequest = StrategyRequest> = OAuth1StrategyClass<Req>;
/** passport-oauth1 exports its strategy as `Strategy` too. */
export const Strategy: typeof OAuth1StrategyClass = OAuth1Strategy;
export type Strategy<Req extends StrategyRequest = StrategyRequest> = OAuth1StrategyClass<Req>;

export {
  type FlowState,
  isOAuth1Error,
  OAuth1Error,
  type OAuth1ErrorCode,
  type ProviderConfig,
  type SignatureMethod,
} from '@oauth1a/core';
export { InternalOAuthError, type NodeOAuthError } from './internal-oauth-error.js';
export {
  OAuth,
  type OAuthClientOptions,
  type OAuthDataCallback,
  type OAuthParams,
  type OAuthResponse,
  type OAuthTokenCallback,
} from './node-oauth.js';
export type {
  CommonOptions,
  EndpointOptions,
  OAuth1StrategyOptions,
  OAuth1StrategyOptionsWithRequest,
  ProviderOptions,
  SkipUserProfile,
} from './options.js';
export type { PassportStrategyActions } from './passport-base.js';
export type { PassportProfile } from './profile.js';
export type { StrategyRequest } from './request.js';
export { type SealedCookieStoreOptions, sealedCookieStore } from './sealed-cookie-store.js';
export { sessionStore } from './session-store.js';
export type {
  RequestTokenStore,
  StoreCallback,
  StoreGetCallback,
  StoreMeta,
} from './store.js';
export type { AuthenticateOptions, ProfileDone } from './strategy.js';
export type {
  TokenParams,
  VerifyDone,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './verify.js';

import type { StrategyRequest } from './request.js';

/**
 * passport-oauth1's module *is* its strategy (`require('passport-oauth1')`); the default export is the
 * same for `import OAuthStrategy from '@oauth1a/passport'`. The CommonJS build's `module.exports` is
 * the strategy too, with every named export as a property (see tsup.config.ts).
 */
export default OAuth1Strategy;
