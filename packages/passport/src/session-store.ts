import type { FlowState } from '@oauth1a/core';
import type { StrategyRequest } from './request.js';
import { asFlowState, type RequestTokenStore } from './store.js';

const NO_SESSION =
  'OAuth1Strategy keeps the request token in req.session, and there is none: mount express-session ' +
  '(or cookie-session, or koa-session with koa-passport) before passport, or pass ' +
  'requestTokenStore: sealedCookieStore({ password }) to run without a server session';

function sessionOf(req: StrategyRequest): Record<string, unknown> {
  if (typeof req.session !== 'object' || req.session === null) throw new Error(NO_SESSION);
  return req.session as Record<string, unknown>;
}

/**
 * The default store: the pending authorizations of each provider under their own key of `req.session`
 * (`req.session['oauth1:api.x.com']`). Each entry is single use and expires (core's TTL).
 * With a cookie-only session (cookie-session, koa-session's default), the request token secret rides
 * in that cookie signed but readable; prefer `sealedCookieStore()` there.
 */
export function sessionStore(): RequestTokenStore {
  return {
    load(req, key) {
      return asFlowState(sessionOf(req)[key]);
    },
    save(req, key, state: FlowState) {
      const session = sessionOf(req);
      if (state.status === 'idle') delete session[key];
      else session[key] = state;
    },
  };
}
