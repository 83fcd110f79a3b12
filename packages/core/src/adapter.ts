// @oauth1a/core/adapter: what every framework adapter re-exports to its users (with `export * from`),
// so that an app imports from one package and the adapters do not repeat the list.

export type { SignedFetch } from './client/signed-fetch.js';
export {
  ErrorCode,
  isOAuth1Error,
  OAuth1Error,
  type OAuth1ErrorCode,
} from './errors.js';
export type { ProviderConfig } from './flow/provider-config.js';
export type { AccessCredentials, Profile } from './flow/types.js';
export type { ConsumerCredentials } from './signature/sign.js';
export type { SignatureMethod } from './signature/signature-methods.js';
export type { OAuth1Context, OAuth1Handler } from './web/handler.js';
export type { OAuth1HandlerOptions, SessionOptions } from './web/options.js';
