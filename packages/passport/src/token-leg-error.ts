import {
  isOAuth1Error,
  liftProviderMessage,
  OAuth1Error,
  type OAuth1ErrorCode,
  redactSecrets,
} from '@oauth1a/core';
import type { NodeOAuthError } from './internal-oauth-error.js';

const EXCERPT_LENGTH = 500;

const HINTS: Partial<Record<OAuth1ErrorCode, string>> = {
  request_token_failed:
    'check the consumer key and secret, the signature method and the callback URL registered with the provider',
  access_token_failed:
    'the verifier may be wrong or the request token expired or already used; start the login again',
};

function isNodeOAuthError(value: unknown): value is NodeOAuthError {
  return (
    typeof value === 'object' && value !== null && typeof (value as NodeOAuthError).statusCode === 'number'
  );
}

/**
 * What a token leg of `_oauth` calls back with when it fails: an `OAuth1Error` with a stable code. A
 * provider's non-2xx answer (node-oauth's `{ statusCode, data }`) becomes `request_token_failed` /
 * `access_token_failed` with the provider's own message lifted and its body redacted; the error also
 * keeps `statusCode` and `data` (redacted) where passport-oauth1 strategies' `parseErrorResponse` reads
 * them. Timeouts and network failures keep their own codes.
 */
export function tokenLegError(
  code: OAuth1ErrorCode,
  purpose: string,
  failure: unknown,
  secrets: readonly (string | undefined)[],
): OAuth1Error {
  if (isOAuth1Error(failure)) return failure;
  if (!isNodeOAuthError(failure)) {
    const detail = failure instanceof Error ? failure.message : String(failure);
    return new OAuth1Error(code, `${purpose} failed: ${redactSecrets(detail, secrets)}`, { cause: failure });
  }
  const body = redactSecrets(failure.data ?? '', secrets);
  const lifted = liftProviderMessage(body);
  const said = lifted === undefined ? '' : `: "${redactSecrets(lifted, secrets).slice(0, 200)}"`;
  const error = new OAuth1Error(
    code,
    `${purpose} failed: the provider answered ${failure.statusCode}${said}; ${HINTS[code] ?? 'check the provider configuration'}`,
    {
      provider: {
        status: failure.statusCode,
        body: body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body,
      },
    },
  );
  // node-oauth's fields, for passport-oauth1's parseErrorResponse(err.data, err.statusCode).
  Object.defineProperty(error, 'statusCode', { value: failure.statusCode, enumerable: false });
  Object.defineProperty(error, 'data', { value: body, enumerable: false });
  return error;
}
