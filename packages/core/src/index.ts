// The public surface of @oauth1a/core. Nothing else is exported.
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
export {
  type ProfileMapping,
  type ProviderConfig,
  providerConfigProblems,
  validateProviderConfig,
} from './flow/provider-config.js';
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
