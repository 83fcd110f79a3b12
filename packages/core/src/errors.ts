/**
 * The one error class of oauth1a. Every failure the library reports is an `OAuth1Error` with a
 * stable `code`; `status` is the HTTP status an adapter answers with.
 */

export const OAUTH1_ERROR_CODES = [
  'invalid_config',
  'invalid_request',
  'request_token_failed',
  'callback_not_confirmed',
  'access_denied',
  'no_pending_authorization',
  'authorization_expired',
  'token_mismatch',
  'missing_verifier',
  'access_token_failed',
  'invalid_provider_response',
  'provider_timeout',
  'provider_unreachable',
  'not_authorized',
  'profile_failed',
  'refresh_failed',
  'signature_method_unsupported',
  'verification_failed',
  'session_too_large',
  'too_many_redirects',
  'internal_error',
  'not_found',
  'connection_needs_reauth',
  'account_mismatch',
  'origin_not_allowed',
  'revoke_failed',
  'sealed_data_invalid',
] as const;

/** A stable, documented failure code: `@oauth1a/core/errors.md#<code>` (shipped with the package). */
export type OAuth1ErrorCode = (typeof OAUTH1_ERROR_CODES)[number];

/** The codes as constants, for `err.code === ErrorCode.token_mismatch`. */
export const ErrorCode: { readonly [C in OAuth1ErrorCode]: C } = Object.freeze(
  Object.fromEntries(OAUTH1_ERROR_CODES.map((code) => [code, code])) as { [C in OAuth1ErrorCode]: C },
);

/**
 * Problem names of the OAuth Problem Reporting extension that a provider (or `verifyRequest`) reports
 * in `oauth_problem`.
 */
export type OAuthProblem =
  | 'version_rejected'
  | 'parameter_absent'
  | 'parameter_rejected'
  | 'timestamp_refused'
  | 'nonce_used'
  | 'signature_method_rejected'
  | 'signature_invalid'
  | 'consumer_key_unknown'
  | 'consumer_key_rejected'
  | 'token_used'
  | 'token_expired'
  | 'token_revoked'
  | 'token_rejected'
  | 'verifier_invalid'
  | 'permission_denied'
  | 'user_refused';

/** What the provider answered, with secrets redacted and the body cut to 500 characters. */
export interface ProviderResponseExcerpt {
  status: number;
  statusText?: string;
  contentType?: string;
  body: string;
}

const DEFAULT_STATUS: { [C in OAuth1ErrorCode]: number } = {
  invalid_config: 500,
  invalid_request: 400,
  request_token_failed: 502,
  callback_not_confirmed: 502,
  access_denied: 403,
  no_pending_authorization: 400,
  authorization_expired: 400,
  token_mismatch: 403,
  missing_verifier: 400,
  access_token_failed: 502,
  invalid_provider_response: 502,
  provider_timeout: 504,
  provider_unreachable: 502,
  not_authorized: 401,
  profile_failed: 502,
  refresh_failed: 502,
  signature_method_unsupported: 500,
  verification_failed: 401,
  session_too_large: 500,
  too_many_redirects: 502,
  internal_error: 500,
  not_found: 404,
  connection_needs_reauth: 409,
  account_mismatch: 409,
  origin_not_allowed: 400,
  revoke_failed: 502,
  sealed_data_invalid: 500,
};

export interface OAuth1ErrorOptions {
  status?: number;
  provider?: ProviderResponseExcerpt;
  problem?: OAuthProblem | string;
  cause?: unknown;
}

/**
 * Where every message sends the reader: the error reference shipped inside this package (a copy of the
 * repository's docs/errors.md), so a user of the installed package can open it
 * (`node_modules/@oauth1a/core/errors.md`, or `require.resolve('@oauth1a/core/errors.md')`).
 */
export const ERRORS_REFERENCE = '@oauth1a/core/errors.md';

export class OAuth1Error extends Error {
  override readonly name = 'OAuth1Error';
  readonly code: OAuth1ErrorCode;
  /** HTTP status to answer the end user with. */
  readonly status: number;
  /** `oauth_problem` reported by the provider, or found by `verifyRequest`. */
  readonly problem?: string;
  /**
   * What the provider answered (status and a redacted excerpt). Non-enumerable so that it never lands in
   * logs or JSON by accident.
   */
  declare readonly provider?: ProviderResponseExcerpt;

  constructor(code: OAuth1ErrorCode, message: string, options: OAuth1ErrorOptions = {}) {
    super(`${message} (oauth1a: ${code} — see ${ERRORS_REFERENCE}#${code})`, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? DEFAULT_STATUS[code];
    if (options.problem !== undefined) this.problem = options.problem;
    Object.defineProperty(this, 'provider', {
      value: options.provider,
      enumerable: false,
      writable: false,
      configurable: false,
    });
  }

  /** A safe JSON shape for responses: code, message, status and problem; never secrets. */
  toJSON(): { code: OAuth1ErrorCode; message: string; status: number; problem?: string } {
    return {
      code: this.code,
      message: this.message,
      status: this.status,
      ...(this.problem === undefined ? {} : { problem: this.problem }),
    };
  }
}

/** True for an `OAuth1Error`, also across duplicated copies of the package (ESM and CommonJS). */
export function isOAuth1Error(value: unknown): value is OAuth1Error {
  return (
    value instanceof OAuth1Error ||
    (value instanceof Error &&
      value.name === 'OAuth1Error' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
