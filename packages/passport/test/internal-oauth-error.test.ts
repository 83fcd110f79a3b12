// Issue 13, item 2: passport-oauth1's InternalOAuthError, as passport-twitter and passport-dropbox build it.
import { OAuth1Error } from '@oauth1a/core';
import { describe, expect, it } from 'vitest';
import { InternalOAuthError } from '../src/index.js';

describe('InternalOAuthError', () => {
  it("has passport-oauth1's shape: name, message, oauthError", () => {
    const inner = { statusCode: 401, data: 'oauth_problem=token_rejected' };
    const error = new InternalOAuthError('failed to fetch user profile', inner);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InternalOAuthError');
    expect(error.message).toBe('failed to fetch user profile');
    expect(error.oauthError).toBe(inner);
    expect(error.status).toBe(500);
    // The status helps debugging; the body is left out (it may echo secrets).
    expect(error.toString()).toBe('InternalOAuthError: failed to fetch user profile (status: 401)');
  });

  it('keeps an OAuth1Error as its cause, with its code and status', () => {
    const cause = new OAuth1Error('request_token_failed', 'the provider answered 401');
    const error = new InternalOAuthError('Failed to obtain request token', cause);
    expect(error.cause).toBe(cause);
    expect(error.oauthError).toBe(cause);
    expect(error.code).toBe('request_token_failed');
    expect(error.status).toBe(502);
    expect(error.toString()).toMatch(
      /^InternalOAuthError: Failed to obtain request token: OAuth1Error: the provider answered 401/,
    );
  });

  it('works with no arguments, as passport-oauth1 allows', () => {
    const error = new InternalOAuthError();
    expect(error.message).toBe('');
    expect(error.toString()).toBe('InternalOAuthError');
  });
});
