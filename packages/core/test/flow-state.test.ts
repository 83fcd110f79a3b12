// The flow's transitions are pure functions of (state, input): no provider needed.
import { describe, expect, it } from 'vitest';
import {
  addPendingAuthorization,
  authorize,
  consumeCallback,
  DEFAULT_PENDING_TTL_MS,
  type FlowState,
  IDLE,
  logout,
  type PendingAuthorization,
  pendingOf,
} from '../src/index.js';
import { SecretAudit } from './support/harness.js';

const audit = new SecretAudit();
const T0 = 1_700_000_000_000;
const TTL = DEFAULT_PENDING_TTL_MS;
const policy = { now: T0, ttlMs: TTL, maxPending: 5 };

function pending(token: string, overrides: Partial<PendingAuthorization> = {}): PendingAuthorization {
  return {
    providerId: 'mock',
    requestToken: token,
    requestTokenSecret: `secret-of-${token}`,
    callbackUrl: 'http://app.test/callback',
    createdAt: T0,
    ...overrides,
  };
}

const credentials = {
  providerId: 'mock',
  token: 'at',
  tokenSecret: 'access-token-secret',
  params: {},
  authorizedAt: T0,
};

audit.secret('secret-of-rt1', 'secret-of-rt2', 'access-token-secret');

describe('addPendingAuthorization (begin)', () => {
  it('idle -> awaiting_authorization', () => {
    const next = addPendingAuthorization(IDLE, pending('rt1'), policy);
    expect(next).toEqual({ status: 'awaiting_authorization', pending: [pending('rt1')] });
    expect(IDLE).toEqual({ status: 'idle' });
  });

  it('keeps several pending authorizations, oldest first, and evicts beyond maxPending', () => {
    let state: FlowState = IDLE;
    for (const token of ['a', 'b', 'c'])
      state = addPendingAuthorization(state, pending(token), { ...policy, maxPending: 2 });
    expect(pendingOf(state).map((entry) => entry.requestToken)).toEqual(['b', 'c']);
  });

  it('drops entries long past their TTL', () => {
    const old = addPendingAuthorization(IDLE, pending('old', { createdAt: T0 - 3 * TTL }), policy);
    const next = addPendingAuthorization(old, pending('new'), policy);
    expect(pendingOf(next).map((entry) => entry.requestToken)).toEqual(['new']);
  });

  it('an authorized state stays authorized while a new login waits', () => {
    const authorized = authorize(IDLE, credentials);
    const next = addPendingAuthorization(authorized, pending('rt1'), policy);
    expect(next.status).toBe('authorized');
    expect(next.status === 'authorized' && next.credentials).toEqual(credentials);
    expect(pendingOf(next)).toHaveLength(1);
  });

  it('never mutates the state it is given', () => {
    const state = Object.freeze(addPendingAuthorization(IDLE, pending('rt1'), policy));
    Object.freeze(pendingOf(state));
    const next = addPendingAuthorization(state, pending('rt2'), policy);
    expect(pendingOf(state)).toHaveLength(1);
    expect(pendingOf(next)).toHaveLength(2);
  });
});

describe('consumeCallback', () => {
  const awaiting = addPendingAuthorization(IDLE, pending('rt1'), policy);
  const consume = { now: T0 + 1000, ttlMs: TTL };

  it('awaiting_authorization -> idle with the matched authorization and verifier', () => {
    const result = consumeCallback(awaiting, { oauth_token: 'rt1', oauth_verifier: 'v' }, consume);
    expect(result).toEqual({ ok: true, state: IDLE, pending: pending('rt1'), verifier: 'v' });
  });

  it('no_pending_authorization from idle', () => {
    const result = consumeCallback(IDLE, { oauth_token: 'rt1', oauth_verifier: 'v' }, consume);
    expect(result.ok).toBe(false);
    if (!result.ok) audit.check(result.error, 'no_pending_authorization');
    expect(result.state).toBe(IDLE);
  });

  it('token_mismatch keeps the pending authorization (it cannot tell which one was meant)', () => {
    const result = consumeCallback(awaiting, { oauth_token: 'forged', oauth_verifier: 'v' }, consume);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(audit.check(result.error, 'token_mismatch').status).toBe(403);
    expect(result.state).toBe(awaiting);
  });

  it('token_mismatch when the callback carries no oauth_token and nothing waits for a PIN', () => {
    const result = consumeCallback(awaiting, { oauth_verifier: 'v' }, consume);
    if (!result.ok) audit.check(result.error, 'token_mismatch');
    else expect.fail('expected a failure');
  });

  it('a token that is a prefix of the pending one does not match', () => {
    const result = consumeCallback(awaiting, { oauth_token: 'rt', oauth_verifier: 'v' }, consume);
    if (!result.ok) audit.check(result.error, 'token_mismatch');
    else expect.fail('expected a failure');
  });

  it('access_denied (denied=<token>) consumes the authorization', () => {
    const result = consumeCallback(awaiting, { denied: 'rt1' }, consume);
    if (result.ok) expect.fail('expected a failure');
    expect(audit.check(result.error, 'access_denied').status).toBe(403);
    expect(result.state).toBe(IDLE);
  });

  it('access_denied (oauth_problem=user_refused) names the problem', () => {
    const result = consumeCallback(awaiting, { oauth_token: 'rt1', oauth_problem: 'user_refused' }, consume);
    if (result.ok) expect.fail('expected a failure');
    expect(audit.check(result.error, 'access_denied').problem).toBe('user_refused');
    expect(result.state).toBe(IDLE);
  });

  it('authorization_expired past the TTL, and the authorization is consumed', () => {
    const result = consumeCallback(
      awaiting,
      { oauth_token: 'rt1', oauth_verifier: 'v' },
      { now: T0 + TTL + 1, ttlMs: TTL },
    );
    if (result.ok) expect.fail('expected a failure');
    audit.check(result.error, 'authorization_expired');
    expect(result.state).toBe(IDLE);
  });

  it('exactly at the TTL is still valid', () => {
    const result = consumeCallback(
      awaiting,
      { oauth_token: 'rt1', oauth_verifier: 'v' },
      { now: T0 + TTL, ttlMs: TTL },
    );
    expect(result.ok).toBe(true);
  });

  it('missing_verifier, unless the provider sends none (OAuth 1.0)', () => {
    const result = consumeCallback(awaiting, { oauth_token: 'rt1', oauth_verifier: '' }, consume);
    if (result.ok) expect.fail('expected a failure');
    audit.check(result.error, 'missing_verifier');
    expect(result.state).toBe(IDLE);
    const oauth10 = consumeCallback(awaiting, { oauth_token: 'rt1' }, { ...consume, sendsVerifier: false });
    expect(oauth10).toMatchObject({ ok: true, verifier: undefined });
  });

  it('a replayed callback finds nothing pending', () => {
    const first = consumeCallback(awaiting, { oauth_token: 'rt1', oauth_verifier: 'v' }, consume);
    const replay = consumeCallback(first.state, { oauth_token: 'rt1', oauth_verifier: 'v' }, consume);
    if (replay.ok) expect.fail('expected a failure');
    audit.check(replay.error, 'no_pending_authorization');
  });

  it('two pending authorizations are consumed independently', () => {
    const two = addPendingAuthorization(awaiting, pending('rt2'), policy);
    const second = consumeCallback(two, { oauth_token: 'rt2', oauth_verifier: 'v2' }, consume);
    expect(second).toMatchObject({ ok: true, pending: { requestToken: 'rt2' }, verifier: 'v2' });
    expect(pendingOf(second.state).map((entry) => entry.requestToken)).toEqual(['rt1']);
    const first = consumeCallback(second.state, { oauth_token: 'rt1', oauth_verifier: 'v1' }, consume);
    expect(first).toMatchObject({ ok: true, pending: { requestToken: 'rt1' }, state: IDLE });
  });

  it('the PIN flow matches the single oob authorization by the verifier alone', () => {
    const oob = addPendingAuthorization(IDLE, pending('pin', { callbackUrl: 'oob' }), policy);
    expect(consumeCallback(oob, { oauth_verifier: '1234' }, consume)).toMatchObject({
      ok: true,
      verifier: '1234',
      pending: { requestToken: 'pin' },
    });
    const twoOob = addPendingAuthorization(oob, pending('pin2', { callbackUrl: 'oob' }), policy);
    const ambiguous = consumeCallback(twoOob, { oauth_verifier: '1234' }, consume);
    if (ambiguous.ok) expect.fail('expected a failure');
    audit.check(ambiguous.error, 'token_mismatch');
  });

  it('consuming from authorized keeps the credentials', () => {
    const state = addPendingAuthorization(authorize(IDLE, credentials), pending('rt1'), policy);
    const result = consumeCallback(state, { oauth_token: 'rt1', oauth_verifier: 'v' }, consume);
    expect(result.state).toEqual({ status: 'authorized', credentials, pending: [] });
  });
});

describe('authorize and logout', () => {
  it('authorized -> idle', () => {
    const state = authorize(IDLE, credentials);
    expect(state).toEqual({ status: 'authorized', credentials, pending: [] });
    expect(logout(state)).toEqual({ status: 'idle' });
  });

  it('states are plain JSON data', () => {
    const state = addPendingAuthorization(authorize(IDLE, credentials), pending('rt1'), policy);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('secrets', () => {
  it('no error above carries a secret', () => {
    expect(audit.errors.length).toBeGreaterThanOrEqual(9);
    audit.assertNoLeaks();
  });
});
