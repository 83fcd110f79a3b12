import { isOAuth1Error, type OAuth1ErrorCode } from '@oauth1a/core';

/** node-oauth's error for a non-2xx answer: `{ statusCode, data }`. */
export interface NodeOAuthError {
  statusCode: number;
  data?: string | undefined;
}

/**
 * passport-oauth1's `InternalOAuthError`: a failure of the token legs or of a provider call, wrapping the
 * underlying error as `oauthError` (passport-twitter and passport-dropbox build it themselves in
 * `userProfile`). The wrapped error is also its standard `cause`; when that is an `OAuth1Error`, its
 * `code` and `status` are copied here, so an error handler can answer 502/504 with a stable code.
 */
export class InternalOAuthError extends Error {
  override name = 'InternalOAuthError';
  /** The wrapped error: an `OAuth1Error`, node-oauth's `{ statusCode, data }`, or whatever was given. */
  oauthError: unknown;
  /** The wrapped `OAuth1Error`'s code, if it is one. */
  code?: OAuth1ErrorCode;
  /** HTTP status to answer with: the wrapped `OAuth1Error`'s (502 for a provider failure), else 500. */
  status: number;

  constructor(message?: string, err?: unknown) {
    super(message ?? '', err === undefined ? undefined : { cause: err });
    this.oauthError = err;
    this.status = 500;
    if (isOAuth1Error(err)) {
      this.code = err.code;
      this.status = err.status;
    }
  }

  /** As passport-oauth1: the wrapped Error's own text, or the provider's status; never a body (it may hold secrets). */
  override toString(): string {
    const head = this.message ? `${this.name}: ${this.message}` : this.name;
    const inner = this.oauthError;
    if (inner instanceof Error) return `${head}: ${inner.toString()}`;
    const status = (inner as Partial<NodeOAuthError> | undefined)?.statusCode;
    return typeof status === 'number' ? `${head} (status: ${status})` : head;
  }
}
