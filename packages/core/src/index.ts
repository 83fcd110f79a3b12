// The public surface of @oauth1a/core. Nothing else is exported.

export { liftProviderMessage, redactSecrets } from './client/provider-error.js';
export { DEFAULT_TIMEOUT_MS, type FetchLike } from './client/send.js';
export {
  createSignedFetch,
  type SignedFetch,
  type SignedFetchOptions,
  type Transport,
} from './client/signed-fetch.js';
export {
  type ConsumerField,
  type DefinitionProblem,
  defineProvider,
  PROVIDER_DEFINITION_SCHEMA,
  type ProviderDefinition,
  type ProviderSettings,
  providerDefinitionProblems,
  type SettingDeclaration,
} from './define-provider.js';
export type { JsonSchema, SchemaProblem } from './define-provider-schema.js';
export {
  ErrorCode,
  isOAuth1Error,
  OAUTH1_ERROR_CODES,
  OAuth1Error,
  type OAuth1ErrorCode,
  type OAuth1ErrorOptions,
  type OAuthProblem,
  type ProviderResponseExcerpt,
} from './errors.js';
export { type AccessTokenResult, obtainAccessToken } from './flow/access-token.js';
export { buildAuthorizeUrl } from './flow/authorize-url.js';
export {
  type BeginInput,
  type BeginResult,
  type CompleteResult,
  createOAuth1Flow,
  type OAuth1Flow,
  type OAuth1FlowOptions,
  type SignedFetchOverrides,
} from './flow/flow.js';
export { readJsonPath } from './flow/profile.js';
export {
  type ProfileMapping,
  type ProviderConfig,
  providerConfigProblems,
  validateProviderConfig,
} from './flow/provider-config.js';
export { obtainRequestToken, type RequestTokenInput, type RequestTokenResult } from './flow/request-token.js';
export {
  addPendingAuthorization,
  authorize,
  type ConsumePolicy,
  type ConsumeResult,
  consumeCallback,
  DEFAULT_MAX_PENDING,
  DEFAULT_PENDING_TTL_MS,
  IDLE,
  logout,
  pendingOf,
} from './flow/state.js';
export { parseTokenResponse, type TokenResponseFormat } from './flow/token-response.js';
export type {
  AccessCredentials,
  AuthorizedState,
  AwaitingAuthorizationState,
  CallbackInput,
  FlowState,
  IdleState,
  PendingAuthorization,
  Profile,
} from './flow/types.js';
export { baseStringUri, signatureBaseString } from './signature/base-string.js';
export { bodyHash } from './signature/body-hash.js';
export { constantTimeEqual } from './signature/constant-time.js';
export { formatOAuthParams } from './signature/form-params.js';
export {
  formatAuthorizationHeader,
  type ParsedAuthorizationHeader,
  parseAuthorizationHeader,
} from './signature/header.js';
export { currentTimestamp, generateNonce } from './signature/nonce.js';
export { normalizeParameters, type Parameter } from './signature/parameters.js';
export { percentDecode, percentEncode } from './signature/percent-encode.js';
export {
  type ConsumerCredentials,
  type SignedRequest,
  type SignInput,
  signRequest,
  type TokenCredentials,
} from './signature/sign.js';
export { SIGNATURE_METHODS, type SignatureMethod } from './signature/signature-methods.js';
export {
  type ConsumerSecrets,
  type VerifiedRequest,
  type VerifyInput,
  verifyRequest,
} from './signature/verify.js';
export { getOAuth1Context, type OAuth1Holder, serveOAuth1 } from './web/adapter.js';
export { asOAuth1Error, defaultErrorResponse } from './web/error-response.js';
export { createOAuth1Handler, type OAuth1Context, type OAuth1Handler } from './web/handler.js';
export type { OAuth1HandlerOptions, SessionOptions } from './web/options.js';
export { isCrossSiteRequest, isLoopbackHost } from './web/request-guards.js';
export { sanitizeReturnTo } from './web/return-to.js';
export { type ErrorLogger, logServerError } from './web/server-log.js';
