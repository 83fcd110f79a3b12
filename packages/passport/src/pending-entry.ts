import { consumeCallback, OAuth1Error } from '@oauth1a/core';
import type { StoreMeta } from './store.js';

/**
 * One pending login as the built-in stores keep it: passport-oauth1's `{ oauth_token,
 * oauth_token_secret, state? }`, plus `createdAt` (so it expires) and `boundTo` (the strategy it
 * belongs to: session key, request-token URL and consumer key, so that one strategy's entry is never
 * read by another).
 */
export interface PendingEntry {
  oauth_token: string;
  oauth_token_secret: string;
  state?: unknown;
  createdAt: number;
  boundTo: string;
}

function bindingOf(meta: StoreMeta): string {
  return JSON.stringify([meta.sessionKey, meta.requestTokenURL, meta.consumerKey]);
}

/** The entry `set` stores. */
export function newEntry(token: string, tokenSecret: string, state: unknown, meta: StoreMeta): PendingEntry {
  const entry: PendingEntry = {
    oauth_token: token,
    oauth_token_secret: tokenSecret,
    createdAt: Date.now(),
    boundTo: bindingOf(meta),
  };
  if (state !== undefined) entry.state = state;
  return entry;
}

function isEntry(value: unknown): value is PendingEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.oauth_token === 'string' &&
    typeof entry.oauth_token_secret === 'string' &&
    typeof entry.createdAt === 'number' &&
    typeof entry.boundTo === 'string'
  );
}

const NONE =
  'no login is waiting for this callback: it was already used, it expired, it was started by another strategy, or the session cookie did not come back (start the login again)';

/**
 * `get`'s answer for a stored value: the token secret and state when `token` is this entry's (compared
 * in constant time by core's callback transition) and the entry is fresh and belongs to this strategy;
 * otherwise the `OAuth1Error` (`no_pending_authorization`, `token_mismatch`, `authorization_expired`)
 * that the strategy turns into `fail()`.
 */
export function readEntry(
  value: unknown,
  token: string,
  meta: StoreMeta,
): { tokenSecret: string; state: unknown } | OAuth1Error {
  if (!isEntry(value) || value.boundTo !== bindingOf(meta)) {
    return new OAuth1Error('no_pending_authorization', NONE);
  }
  const consumed = consumeCallback(
    {
      status: 'awaiting_authorization',
      pending: [
        {
          providerId: value.boundTo,
          requestToken: value.oauth_token,
          requestTokenSecret: value.oauth_token_secret,
          callbackUrl: meta.callbackURL ?? '',
          createdAt: value.createdAt,
        },
      ],
    },
    { oauth_token: token },
    // The verifier is the strategy's business; the store answers for binding and expiry.
    { now: Date.now(), ttlMs: meta.pendingTtlMs, sendsVerifier: false },
  );
  if (!consumed.ok) return consumed.error;
  return { tokenSecret: consumed.pending.requestTokenSecret, state: value.state };
}
