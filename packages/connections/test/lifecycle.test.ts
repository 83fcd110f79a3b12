// The lifecycle end to end against the mock provider, on every store: owners, accounts, the same
// account twice, reconnect in place, the callback taken once across instances, and no secret at rest.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOAuth1Error } from '../src/index.js';
import {
  accessTokenCount,
  authorize,
  connectAs,
  lastAccessToken,
  requestTokenOf,
  type Setup,
  setup,
} from './support/setup.js';
import { AVAILABLE_KINDS, type StoreHandle } from './support/stores.js';

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    if (isOAuth1Error(error)) return error;
    throw error;
  }
  throw new Error('expected an OAuth1Error');
}

describe.each(AVAILABLE_KINDS)('connections on the $name store', (kind) => {
  let handle: StoreHandle;
  let s: Setup;

  beforeEach(async () => {
    handle = await kind.open();
    s = await setup(handle);
  });
  afterEach(async () => {
    await s.mock.close();
    await handle.close();
  });

  it('connects: named by "who am I", listed for its owner only, with returnTo and label', async () => {
    const query = await authorize(s, { owner: 'alice', label: 'Work', returnTo: '/settings?tab=apps' });
    const { connection, returnTo } = await s.connections.complete({ owner: 'alice', query });
    expect(returnTo).toBe('/settings?tab=apps');
    expect(connection).toMatchObject({
      owner: 'alice',
      provider: 'mock',
      uid: '1001',
      name: 'ada',
      label: 'Work',
      status: 'active',
    });
    expect(await s.connections.list('alice')).toEqual([connection]);
    expect(await s.connections.get('alice', connection.id)).toEqual(connection);
    expect(await s.connections.list('bob')).toEqual([]);
    expect(await s.connections.get('bob', connection.id)).toBeUndefined();
    expect(s.events.map((event) => event.type)).toEqual(['connected']);
  });

  it('two owners connecting the same account get a connection each', async () => {
    const alice = await connectAs(s, 'alice');
    const bob = await connectAs(s, 'bob');
    expect(alice.id).not.toBe(bob.id);
    expect(alice.uid).toBe(bob.uid);
    expect((await s.connections.list('alice')).map((c) => c.id)).toEqual([alice.id]);
    expect((await s.connections.list('bob')).map((c) => c.id)).toEqual([bob.id]);
  });

  it('two accounts of one provider for one owner are two connections, newest first', async () => {
    const ada = await connectAs(s, 'alice', '1001');
    const grace = await connectAs(s, 'alice', '1002');
    expect(grace).toMatchObject({ uid: '1002', name: 'grace' });
    expect((await s.connections.list('alice')).map((c) => c.uid)).toEqual([grace.uid, ada.uid]);
  });

  it('the same account connected twice is one row, updated in place (same id, new token)', async () => {
    const first = await connectAs(s, 'alice', '1001', { label: 'Mine' });
    const firstToken = lastAccessToken(s.mock);
    const second = await connectAs(s, 'alice', '1001');
    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.label).toBe('Mine');
    expect(lastAccessToken(s.mock)).not.toBe(firstToken);
    expect(await s.connections.list('alice')).toHaveLength(1);
    expect(s.events.map((event) => event.type)).toEqual(['connected', 'reconnected']);
    // The stored token is the new one: a call with it works.
    const fetch = await s.connections.fetch('alice', first.id);
    expect((await fetch(s.mock.endpoints.whoami)).status).toBe(200);
  });

  it('revoked → needs_reauth (response unchanged) → reconnect → active, same id', async () => {
    const connection = await connectAs(s, 'alice');
    s.mock.revokeToken(lastAccessToken(s.mock));
    const fetch = await s.connections.fetch('alice', connection.id);
    const response = await fetch(`${s.mock.url}/api/echo`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('oauth_problem=token_rejected');
    const broken = await s.connections.get('alice', connection.id);
    expect(broken).toMatchObject({ status: 'needs_reauth', lastError: { code: 'connection_needs_reauth' } });
    expect(broken?.lastError?.message).toContain('401 (token_rejected)');
    expect((await failure(s.connections.fetch('alice', connection.id))).code).toBe('connection_needs_reauth');

    const query = await authorize(s, { owner: 'alice', reconnect: connection.id });
    const { connection: again } = await s.connections.complete({ owner: 'alice', query });
    expect(again).toMatchObject({ id: connection.id, status: 'active' });
    expect(again.lastError).toBeUndefined();
    expect((await (await s.connections.fetch('alice', connection.id))(`${s.mock.url}/api/echo`)).status).toBe(
      200,
    );
    expect(s.events.map((event) => event.type)).toEqual(['connected', 'needs_reauth', 'reconnected']);
  });

  it('the cached credentials: dropped on a reconnect here; a stale cache elsewhere never flags the new token', async () => {
    const connection = await connectAs(s, 'alice');
    const oldToken = lastAccessToken(s.mock);
    const other = s.another();
    // Both instances call once: each caches the opened credentials.
    expect((await (await s.connections.fetch('alice', connection.id))('whoami')).status).toBe(200);
    const stale = await other.fetch('alice', connection.id);
    expect((await stale('whoami')).status).toBe(200);
    // This instance reconnects the same account (a new token) and the old one is revoked.
    await connectAs(s, 'alice');
    s.mock.revokeToken(oldToken);
    expect((await (await s.connections.fetch('alice', connection.id))('whoami')).status).toBe(200);
    // The other instance still signs with the old token until its cache expires: the 401 it gets must
    // not mark the connection, whose row now holds the new token (compare-and-set on the sealed value).
    expect((await stale('whoami')).status).toBe(401);
    expect((await s.connections.get('alice', connection.id))?.status).toBe('active');
    expect(s.events.map((event) => event.type)).toEqual(['connected', 'reconnected']);
  });

  it('a reconnect that comes back as another account is refused, and changes nothing', async () => {
    const ada = await connectAs(s, 'alice', '1001');
    const query = await authorize(s, { owner: 'alice', reconnect: ada.id }, '1002');
    const error = await failure(s.connections.complete({ owner: 'alice', query }));
    expect(error).toMatchObject({ code: 'account_mismatch', status: 409 });
    expect(await s.connections.list('alice')).toEqual([ada]);
    expect(
      (await failure(s.connections.connect({ owner: 'bob', provider: 'mock', reconnect: ada.id }))).code,
    ).toBe('not_found');
  });

  it("another owner's callback fails with token_mismatch and burns the pending authorization", async () => {
    const query = await authorize(s, { owner: 'alice' });
    const before = accessTokenCount(s.mock);
    expect(await failure(s.connections.complete({ owner: 'mallory', query }))).toMatchObject({
      code: 'token_mismatch',
      status: 403,
    });
    expect((await failure(s.connections.complete({ owner: 'alice', query }))).code).toBe(
      'no_pending_authorization',
    );
    expect(accessTokenCount(s.mock)).toBe(before);
    expect(await s.connections.list('alice')).toEqual([]);
  });

  it('complete twice concurrently from two instances sharing the store: one access-token request', async () => {
    const query = await authorize(s, { owner: 'alice' });
    const other = s.another();
    const before = s.mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    const results = await Promise.allSettled([
      s.connections.complete({ owner: 'alice', query }),
      other.complete({ owner: 'alice', query }),
      s.connections.complete({ owner: 'alice', query }),
      other.complete({ owner: 'alice', query }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason.code).toBe('no_pending_authorization');
    }
    expect(s.mock.log.filter((entry) => entry.endpoint === 'access_token').length - before).toBe(1);
    expect(await other.list('alice')).toHaveLength(1);
  });

  it('a denied authorization, a missing token, an unknown one: coded errors, nothing stored', async () => {
    const { authorizeUrl } = await s.connections.connect({ owner: 'alice', provider: 'mock' });
    const denied = new URL(s.mock.deny(requestTokenOf(authorizeUrl))).searchParams;
    expect((await failure(s.connections.complete({ owner: 'alice', query: denied }))).code).toBe(
      'access_denied',
    );
    expect((await failure(s.connections.complete({ owner: 'alice', query: '' }))).code).toBe(
      'token_mismatch',
    );
    expect(
      (await failure(s.connections.complete({ owner: 'alice', query: 'oauth_token=nope&oauth_verifier=x' })))
        .code,
    ).toBe('no_pending_authorization');
    expect(await s.connections.list('alice')).toEqual([]);
  });

  it('a failing access-token leg or "who am I" leaves no row', async () => {
    s.mock.setFault('whoami', { status: 500, times: 1 });
    const query = await authorize(s, { owner: 'alice' });
    expect((await failure(s.connections.complete({ owner: 'alice', query }))).code).toBe('profile_failed');
    s.mock.setFault('access_token', { status: 503, times: 1 });
    const again = await authorize(s, { owner: 'alice' });
    expect((await failure(s.connections.complete({ owner: 'alice', query: again }))).code).toBe(
      'access_token_failed',
    );
    expect(await s.connections.list('alice')).toEqual([]);
    expect(s.events).toEqual([]);
  });

  it('an expired pending authorization says authorization_expired', async () => {
    let now = Date.now();
    const timed = s.another({ now: () => now, store: handle.store });
    const { authorizeUrl } = await timed.connect({ owner: 'alice', provider: 'mock' });
    const query = new URL(s.mock.approve(requestTokenOf(authorizeUrl))).searchParams;
    now += 11 * 60 * 1000;
    expect((await failure(timed.complete({ owner: 'alice', query }))).code).toBe('authorization_expired');
  });

  it('without "who am I": named from the access-token answer (accountFields), reconnecting finds the row', async () => {
    const { profile: _profile, ...noProfile } = s.mock.provider;
    const provider = { ...noProfile, accountFields: { id: 'user_id', name: 'screen_name' } };
    const connections = s.another({
      store: handle.store,
      providers: { mock: { provider, consumer: s.mock.consumer } },
    });
    const connect = async () => {
      const { authorizeUrl } = await connections.connect({ owner: 'alice', provider: 'mock' });
      const query = new URL(s.mock.approve(requestTokenOf(authorizeUrl), '1002')).searchParams;
      return (await connections.complete({ owner: 'alice', query })).connection;
    };
    const first = await connect();
    expect(first).toMatchObject({ uid: '1002', name: 'grace' });
    expect(s.mock.log.some((entry) => entry.endpoint === 'whoami')).toBe(false);
    expect((await connect()).id).toBe(first.id);
    expect(await connections.list('alice')).toHaveLength(1);
  });

  it('per-connection settings reach a provider given as a function of them (a realm per account)', async () => {
    await s.mock.close();
    s = await setup(handle, { realm: 'ACCT_42' });
    const connections = s.another({
      store: handle.store,
      providers: {
        mock: {
          provider: (settings) => ({ ...s.mock.provider, realm: settings.accountId ?? 'none' }),
          consumer: s.mock.consumer,
        },
      },
    });
    const { authorizeUrl } = await connections.connect({
      owner: 'alice',
      provider: 'mock',
      settings: { accountId: 'ACCT_42' },
    });
    const query = new URL(s.mock.approve(requestTokenOf(authorizeUrl))).searchParams;
    const { connection } = await connections.complete({ owner: 'alice', query });
    expect(connection.settings).toEqual({ accountId: 'ACCT_42' });
    const fetch = await connections.fetch('alice', connection.id);
    expect(await (await fetch('echo')).json()).toMatchObject({ realm: 'ACCT_42' });
    // Without the setting the realm is wrong and the provider refuses leg 1.
    expect((await failure(connections.connect({ owner: 'alice', provider: 'mock' }))).code).toBe(
      'request_token_failed',
    );
  });

  it('a dump of the tables holds no secret: no token secret, request-token secret, consumer secret or token', async () => {
    // Every secret the provider hands out, seen on the wire by an injected fetch.
    const secrets: string[] = [s.mock.consumer.secret!];
    const watching = s.another({
      store: handle.store,
      fetch: async (request) => {
        const response = await fetch(request);
        const text = await response.clone().text();
        const fields = new URLSearchParams(text);
        for (const name of ['oauth_token_secret', 'oauth_session_handle']) {
          const value = fields.get(name);
          if (value) secrets.push(value);
        }
        if (new URL(request.url).pathname.endsWith('/access_token')) secrets.push(fields.get('oauth_token')!);
        return response;
      },
    });
    const { authorizeUrl } = await watching.connect({ owner: 'alice', provider: 'mock' });
    for (const [owner, user] of [
      ['alice', '1001'],
      ['bob', '1002'],
    ] as const) {
      const started = await watching.connect({ owner, provider: 'mock', consumer: s.mock.consumer });
      const query = new URL(s.mock.approve(requestTokenOf(started.authorizeUrl), user)).searchParams;
      await watching.complete({ owner, query });
    }
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const dump = await handle.dump();
    if (kind.name !== 'memory') expect(dump).toContain(requestTokenOf(authorizeUrl)); // the pending row is in it
    for (const secret of secrets) expect(dump).not.toContain(secret);
    expect(dump).toContain('Fe26.2*'); // sealed with iron
  });
});
