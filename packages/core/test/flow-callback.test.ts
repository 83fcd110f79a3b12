// The callback transition against a real mock provider: denial, expiry, forged and replayed callbacks,
// a missing verifier, and two logins in flight at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth1Flow, type FlowState, IDLE, pendingOf } from '../src/index.js';
import { callbackQuery, expectNoLeftovers, resourceBaseline, SecretAudit } from './support/harness.js';
import { type MockProvider, startMockProvider } from './support/mock-provider.js';

const audit = new SecretAudit();
const baseline = resourceBaseline();
const CALLBACK = 'http://app.test/callback';
let mock: MockProvider;
let clock = 1_800_000_000_000;

beforeAll(async () => {
  // The provider keeps its own clock; only the flow's clock jumps.
  mock = await startMockProvider();
  audit.secret(mock.consumer.secret);
});

afterAll(async () => {
  await mock.close();
  audit.assertNoLeaks();
  await expectNoLeftovers(baseline);
});

function flow(options: { pendingTtlMs?: number } = {}) {
  return createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer, now: () => clock, ...options });
}

async function begin(state: FlowState = IDLE) {
  const begun = await flow().begin(state, { callbackUrl: CALLBACK });
  audit.secret(begun.pending.requestTokenSecret);
  return begun;
}

describe('the callback', () => {
  it('awaiting_authorization -> authorized through consume + exchange', async () => {
    const begun = await begin();
    const consumed = flow().consume(begun.state, callbackQuery(mock.approve(begun.pending.requestToken)));
    if (!consumed.ok) expect.fail(consumed.error.message);
    expect(consumed.state).toBe(IDLE);
    const { credentials } = await flow().exchange(consumed.pending, consumed.verifier);
    audit.secret(credentials.tokenSecret);
    expect(credentials).toMatchObject({
      providerId: 'mock',
      authorizedAt: clock,
      profile: { id: '1001', name: 'ada' },
    });
  });

  it('access_denied for denied=<token>, and the pending authorization is gone', async () => {
    const begun = await begin();
    const location = mock.deny(begun.pending.requestToken);
    expect(callbackQuery(location).get('denied')).toBe(begun.pending.requestToken);
    const consumed = flow().consume(begun.state, callbackQuery(location));
    if (consumed.ok) expect.fail('expected access_denied');
    audit.check(consumed.error, 'access_denied');
    expect(consumed.state).toBe(IDLE);
    await audit.rejects(flow().complete(begun.state, callbackQuery(location)), 'access_denied');
  });

  it('access_denied for oauth_problem=user_refused', async () => {
    const refusing = await startMockProvider({ denialStyle: 'oauth_problem' });
    try {
      audit.secret(refusing.consumer.secret);
      const f = createOAuth1Flow({ provider: refusing.provider, consumer: refusing.consumer });
      const begun = await f.begin(IDLE, { callbackUrl: CALLBACK });
      const error = await audit.rejects(
        f.complete(begun.state, callbackQuery(refusing.deny(begun.pending.requestToken))),
        'access_denied',
      );
      expect(error.problem).toBe('user_refused');
    } finally {
      await refusing.close();
    }
  });

  it('no_pending_authorization when the session holds nothing', async () => {
    const begun = await begin();
    const query = callbackQuery(mock.approve(begun.pending.requestToken));
    await audit.rejects(flow().complete(IDLE, query), 'no_pending_authorization');
  });

  it('authorization_expired past pendingTtlMs (injected clock)', async () => {
    const begun = await begin();
    const query = callbackQuery(mock.approve(begun.pending.requestToken));
    clock += 60_001;
    try {
      const consumed = flow({ pendingTtlMs: 60_000 }).consume(begun.state, query);
      if (consumed.ok) expect.fail('expected authorization_expired');
      audit.check(consumed.error, 'authorization_expired');
      expect(consumed.state).toBe(IDLE);
    } finally {
      clock -= 60_001;
    }
  });

  it('token_mismatch for a callback of another login', async () => {
    const mine = await begin();
    const theirs = await begin();
    const theirQuery = callbackQuery(mock.approve(theirs.pending.requestToken));
    const error = await audit.rejects(flow().complete(mine.state, theirQuery), 'token_mismatch');
    expect(error.status).toBe(403);
    const consumed = flow().consume(mine.state, theirQuery);
    expect(consumed.state).toBe(mine.state);
  });

  it('missing_verifier when the callback carries none', async () => {
    const begun = await begin();
    mock.approve(begun.pending.requestToken);
    await audit.rejects(
      flow().complete(begun.state, new URLSearchParams({ oauth_token: begun.pending.requestToken })),
      'missing_verifier',
    );
  });

  it('access_token_failed for a wrong verifier, with the provider problem', async () => {
    const begun = await begin();
    const query = callbackQuery(mock.approve(begun.pending.requestToken));
    query.set('oauth_verifier', 'not-the-verifier');
    const error = await audit.rejects(flow().complete(begun.state, query), 'access_token_failed');
    expect(error.provider?.status).toBe(401);
    expect(error.problem).toBe('verifier_invalid');
    expect(error.message).toContain('oauth_problem=verifier_invalid');
  });

  it('a replayed callback fails with no_pending_authorization', async () => {
    const begun = await begin();
    const query = callbackQuery(mock.approve(begun.pending.requestToken));
    const done = await flow().complete(begun.state, query);
    audit.secret(done.credentials.tokenSecret);
    expect(done.state.status).toBe('authorized');
    await audit.rejects(flow().complete(done.state, query), 'no_pending_authorization');
    // The state saved before the first completion still holds the entry, but the provider refuses the reuse.
    const reused = await audit.rejects(flow().complete(begun.state, query), 'access_token_failed');
    expect(reused.problem).toBe('token_used');
  });

  it('two pending authorizations complete independently, in either order', async () => {
    const first = await begin();
    const second = await begin(first.state);
    expect(pendingOf(second.state)).toHaveLength(2);
    const secondQuery = callbackQuery(mock.approve(second.pending.requestToken, '1002'));
    const firstQuery = callbackQuery(mock.approve(first.pending.requestToken, '1001'));
    const b = await flow().complete(second.state, secondQuery);
    audit.secret(b.credentials.tokenSecret);
    expect(b.credentials.profile).toEqual({ id: '1002', name: 'grace' });
    expect(pendingOf(b.state).map((p) => p.requestToken)).toEqual([first.pending.requestToken]);
    const a = await flow().complete(b.state, firstQuery);
    audit.secret(a.credentials.tokenSecret);
    expect(a.credentials.profile).toEqual({ id: '1001', name: 'ada' });
    expect(a.state).toEqual({ status: 'authorized', credentials: a.credentials, pending: [] });
    expect(flow().logout(a.state)).toEqual({ status: 'idle' });
  });

  it('returnTo comes back from complete()', async () => {
    const begun = await flow().begin(IDLE, { callbackUrl: CALLBACK, returnTo: '/dashboard?tab=2' });
    audit.secret(begun.pending.requestTokenSecret);
    const done = await flow().complete(begun.state, callbackQuery(mock.approve(begun.pending.requestToken)));
    audit.secret(done.credentials.tokenSecret);
    expect(done.returnTo).toBe('/dashboard?tab=2');
    expect(done.rawProfile).toEqual({ id: '1001', screen_name: 'ada', name: 'Ada Lovelace' });
  });
});
