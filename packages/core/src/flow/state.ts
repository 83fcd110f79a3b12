import { OAuth1Error } from '../errors.js';
import { constantTimeEqual } from '../signature/constant-time.js';
import type {
  AccessCredentials,
  AuthorizedState,
  CallbackInput,
  FlowState,
  IdleState,
  PendingAuthorization,
} from './types.js';

export const DEFAULT_PENDING_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_PENDING = 5;

export interface PendingPolicy {
  now: number;
  ttlMs: number;
  maxPending: number;
}

export const IDLE: IdleState = Object.freeze({ status: 'idle' });

/** The authorizations waiting for their callback, oldest first. */
export function pendingOf(state: FlowState): readonly PendingAuthorization[] {
  return state.status === 'idle' ? [] : state.pending;
}

function withPending(state: FlowState, pending: PendingAuthorization[]): FlowState {
  if (state.status === 'authorized') return { status: 'authorized', credentials: state.credentials, pending };
  return pending.length === 0 ? IDLE : { status: 'awaiting_authorization', pending };
}

/**
 * begin(): records a new pending authorization. Entries long expired are dropped and the oldest are
 * evicted beyond `maxPending`, so a session never grows without bound. An authorized state stays
 * authorized until the new authorization completes.
 */
export function addPendingAuthorization(
  state: FlowState,
  pending: PendingAuthorization,
  policy: PendingPolicy,
): FlowState {
  // Keep expired entries a while longer than their TTL, so that their callback can say "expired".
  const kept = pendingOf(state).filter((entry) => policy.now - entry.createdAt <= policy.ttlMs * 2);
  kept.push(pending);
  return withPending(state, kept.slice(-Math.max(1, policy.maxPending)));
}

export type ConsumeResult =
  | { ok: true; state: FlowState; pending: PendingAuthorization; verifier: string | undefined }
  | { ok: false; state: FlowState; error: OAuth1Error };

export interface ConsumePolicy {
  now: number;
  ttlMs: number;
  /** Default true; OAuth 1.0 providers (Goodreads, TripIt) send no verifier. */
  sendsVerifier?: boolean | undefined;
}

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value !== '';

/**
 * The callback transition: binds the callback to a pending authorization by its `oauth_token`
 * (constant-time), and consumes that authorization whatever the outcome, so it is single use. It
 * returns the next state even on failure, so the caller saves it before any further request.
 * RFC 5849 section 2.2 (the callback) and section 4.2 (binding to the request token).
 */
export function consumeCallback(
  state: FlowState,
  callback: CallbackInput,
  policy: ConsumePolicy,
): ConsumeResult {
  const pending = pendingOf(state);
  const fail = (error: OAuth1Error, next: FlowState = state): ConsumeResult => ({
    ok: false,
    state: next,
    error,
  });
  if (pending.length === 0) {
    return fail(
      new OAuth1Error(
        'no_pending_authorization',
        'no authorization is waiting for this callback: it was already used, it expired, or the session cookie did not come back (start the login again)',
      ),
    );
  }
  const denied = present(callback.denied) || present(callback.oauth_problem);
  const token = present(callback.oauth_token)
    ? callback.oauth_token
    : present(callback.denied)
      ? callback.denied
      : undefined;

  let match: PendingAuthorization | undefined;
  if (token === undefined) {
    // The PIN flow has no redirect: the user types the verifier, and only one oob authorization may wait.
    const oob = pending.filter((entry) => entry.callbackUrl === 'oob');
    if (present(callback.oauth_verifier) && oob.length === 1) match = oob[0];
    else if (denied) {
      // A denial that names no request token consumes nothing: any site could send the browser to
      // `callback?oauth_problem=x` and cancel the user's login in progress.
      return fail(
        new OAuth1Error(
          'access_denied',
          'the callback reports a denial but names no oauth_token, so it cancels no login; a login in progress still waits for its callback',
          ...(present(callback.oauth_problem) ? [{ problem: callback.oauth_problem }] : []),
        ),
      );
    } else {
      return fail(
        new OAuth1Error(
          'token_mismatch',
          'the callback carries no oauth_token, so it cannot be matched to a login',
        ),
      );
    }
  } else {
    for (const entry of pending) {
      // Compare against every entry so the time taken does not tell which one matched.
      if (constantTimeEqual(entry.requestToken, token) && match === undefined) match = entry;
    }
  }
  if (match === undefined) {
    return fail(
      new OAuth1Error(
        'token_mismatch',
        "the callback's oauth_token is not the one this session started with; the link may belong to another login",
      ),
    );
  }
  const next = withPending(
    state,
    pending.filter((entry) => entry !== match),
  );
  if (denied) {
    return fail(
      new OAuth1Error('access_denied', 'the user declined the authorization at the provider', {
        ...(present(callback.oauth_problem) ? { problem: callback.oauth_problem } : {}),
      }),
      next,
    );
  }
  if (policy.now - match.createdAt > policy.ttlMs) {
    return fail(
      new OAuth1Error(
        'authorization_expired',
        `the login started more than ${Math.round(policy.ttlMs / 60000)} minutes ago; start it again`,
      ),
      next,
    );
  }
  const verifier = present(callback.oauth_verifier) ? callback.oauth_verifier : undefined;
  if (verifier === undefined && policy.sendsVerifier !== false) {
    return fail(
      new OAuth1Error(
        'missing_verifier',
        'the callback carries no oauth_verifier; if this provider speaks OAuth 1.0, set sendsVerifier: false in its config',
      ),
      next,
    );
  }
  return { ok: true, state: next, pending: match, verifier };
}

/** The access token arrived: the connection is authorized. */
export function authorize(state: FlowState, credentials: AccessCredentials): AuthorizedState {
  return { status: 'authorized', credentials, pending: [...pendingOf(state)] };
}

/** logout: back to idle, credentials and pending authorizations dropped. */
export function logout(_state: FlowState): IdleState {
  return IDLE;
}
