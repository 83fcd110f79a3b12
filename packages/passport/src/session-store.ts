import { OAuth1Error } from '@oauth1a/core';
import { newEntry, readEntry } from './pending-entry.js';
import type { StrategyRequest } from './request.js';
import type { RequestTokenStore } from './store.js';

const NO_SESSION =
  'OAuth authentication requires session support. Did you forget to use express-session middleware? ' +
  'Mount express-session (or cookie-session, or koa-session with koa-passport) before passport, or pass ' +
  'requestTokenStore: sealedCookieStore({ password }) to run without a server session';

function sessionOf(req: StrategyRequest): Record<string, unknown> {
  if (typeof req.session !== 'object' || req.session === null) {
    throw new OAuth1Error('invalid_config', NO_SESSION);
  }
  return req.session as Record<string, unknown>;
}

/**
 * The default store, laid out as passport-oauth1's: `req.session[sessionKey]` holds
 * `{ oauth_token, oauth_token_secret, state? }` (default key `oauth:<host of requestTokenURL>`), with
 * `createdAt` and `boundTo` beside them, so the entry expires and is read only by its own strategy and
 * only for its own token. One pending login per key, as in passport-oauth1.
 * With a cookie-only session (cookie-session, koa-session's default), the request token secret rides in
 * that cookie signed but readable; prefer `sealedCookieStore()` there.
 */
export function sessionStore(): RequestTokenStore {
  return {
    get(req, token, meta, callback) {
      let result: ReturnType<typeof readEntry>;
      try {
        result = readEntry(sessionOf(req)[meta.sessionKey], token, meta);
      } catch (error) {
        return callback(error);
      }
      if (result instanceof OAuth1Error) return callback(result);
      callback(null, result.tokenSecret, result.state);
    },
    set(req, token, tokenSecret, state, meta, callback) {
      try {
        sessionOf(req)[meta.sessionKey] = newEntry(token, tokenSecret, state, meta);
      } catch (error) {
        return callback(error);
      }
      callback();
    },
    destroy(req, _token, meta, callback) {
      try {
        delete sessionOf(req)[meta.sessionKey];
      } catch (error) {
        return callback(error);
      }
      callback();
    },
  };
}
