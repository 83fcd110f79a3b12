// Health on every store: a signed fetch that notices a refused token, test(), checkAll(), expiry and
// session-handle renewal, and calls kept on the provider's API origins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOAuth1Error } from '../src/index.js';
import { connectAs, lastAccessToken, type Setup, setup } from './support/setup.js';
import { AVAILABLE_KINDS, type StoreHandle } from './support/stores.js';

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isOAuth1Error(error)) return error;
    throw error;
  }
  throw new Error('expected an OAuth1Error');
}

describe.each(AVAILABLE_KINDS)('health on the $name store', (kind) => {
  let handle: StoreHandle;
  let s: Setup;

  beforeEach(async () => {
    handle = await kind.open();
  });
  afterEach(async () => {
    await s.mock.close();
    await handle.close();
  });

  describe('with a plain provider', () => {
    beforeEach(async () => {
      s = await setup(handle);
    });

    it('signs calls to the API and returns them untouched; a 5xx or 404 changes nothing', async () => {
      const connection = await connectAs(s, 'alice');
      const fetch = await s.connections.fetch('alice', connection.id);
      const echo = await fetch(`${s.mock.url}/api/echo?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=b',
      });
      expect(await echo.json()).toMatchObject({ userId: '1001', query: [['x', '1']], form: [['a', 'b']] });
      // Relative URLs resolve against the provider's API base (apiBaseUrl).
      expect(await (await fetch('whoami')).json()).toMatchObject({ id: '1001' });
      s.mock.setFault('echo', { status: 503, times: 1 });
      expect((await fetch(`${s.mock.url}/api/echo`)).status).toBe(503);
      expect((await fetch(`${s.mock.url}/api/nothing-here`)).status).toBe(404);
      expect((await s.connections.get('alice', connection.id))?.status).toBe('active');
    });

    it('never sends the token outside the API origins', async () => {
      const connection = await connectAs(s, 'alice');
      const fetch = await s.connections.fetch('alice', connection.id);
      const before = s.mock.log.length;
      expect((await failure(fetch('https://attacker.example/steal'))).code).toBe('origin_not_allowed');
      expect((await failure(fetch(new Request('http://localhost:1/')))).code).toBe('origin_not_allowed');
      expect(s.mock.log.length).toBe(before);
    });

    it('a 401 marks needs_reauth once; another owner cannot fetch or test it', async () => {
      const connection = await connectAs(s, 'alice');
      s.mock.revokeToken(lastAccessToken(s.mock));
      const fetch = await s.connections.fetch('alice', connection.id);
      expect((await fetch('whoami')).status).toBe(401);
      expect((await fetch('whoami')).status).toBe(401);
      expect(s.events.filter((event) => event.type === 'needs_reauth')).toHaveLength(1);
      expect(s.events.at(-1)?.connection).toMatchObject({ id: connection.id, status: 'needs_reauth' });
      expect((await failure(s.connections.fetch('bob', connection.id))).code).toBe('not_found');
      expect((await failure(s.connections.test('bob', connection.id))).code).toBe('not_found');
    });

    it('test(): active with lastCheckedAt; needs_reauth when the provider refuses the token', async () => {
      const connection = await connectAs(s, 'alice');
      const tested = await s.connections.test('alice', connection.id);
      expect(tested.status).toBe('active');
      expect(tested.lastCheckedAt).toBeDefined();
      s.mock.setFault('whoami', { status: 503, times: 1 });
      const down = await s.connections.test('alice', connection.id);
      expect(down.status).toBe('active'); // the provider being down says nothing about the token
      expect(down.lastError?.code).toBe('profile_failed');
      s.mock.revokeToken(lastAccessToken(s.mock));
      const refused = await s.connections.test('alice', connection.id);
      expect(refused).toMatchObject({ status: 'needs_reauth', lastError: { code: 'profile_failed' } });
      expect((await s.connections.get('alice', connection.id))?.status).toBe('needs_reauth');
    });

    it('checkAll(): tests what was not checked for a while, in bounded batches', async () => {
      let now = Date.now();
      const timed = s.another({ now: () => now, store: handle.store });
      const ada = await connectAs(s, 'alice', '1001');
      const adaToken = lastAccessToken(s.mock);
      await connectAs(s, 'bob', '1002');
      await connectAs(s, 'carol', '1001');
      s.mock.revokeToken(adaToken);
      expect(await timed.checkAll({ olderThan: 60_000 })).toEqual([]); // all just checked
      now += 2 * 60_000;
      const first = await timed.checkAll({ olderThan: 60_000, limit: 2 });
      const second = await timed.checkAll({ olderThan: 60_000, limit: 2 });
      expect(first).toHaveLength(2);
      expect(second).toHaveLength(1);
      const all = [...first, ...second];
      expect(new Set(all.map((c) => c.id)).size).toBe(3);
      expect(all.find((c) => c.id === ada.id)?.status).toBe('needs_reauth');
      expect(all.filter((c) => c.status === 'active')).toHaveLength(2);
      expect(await timed.checkAll({ olderThan: 60_000 })).toEqual([]);
      expect((await failure(timed.checkAll({ limit: 0 }))).code).toBe('invalid_request');
    });
  });

  describe('with an expiring token', () => {
    it('expiresAt from oauth_expires_in; past it the connection reads needs_reauth and fetch refuses', async () => {
      let now = Date.now();
      s = await setup(handle, { extraTokenParams: { oauth_expires_in: '3600' } }, { now: () => now });
      s.options.providers.mock!.provider = {
        ...s.mock.provider,
        expiry: { field: 'oauth_expires_in', format: 'seconds' },
      };
      const connections = s.another({ store: handle.store });
      const { authorizeUrl } = await connections.connect({ owner: 'alice', provider: 'mock' });
      const query = new URL(s.mock.approve(new URL(authorizeUrl).searchParams.get('oauth_token')!))
        .searchParams;
      const { connection } = await connections.complete({ owner: 'alice', query });
      expect(Date.parse(connection.expiresAt!)).toBe(now + 3_600_000);
      now += 3_601_000;
      expect(await connections.get('alice', connection.id)).toMatchObject({
        status: 'needs_reauth',
        lastError: { code: 'connection_needs_reauth' },
      });
      expect((await failure(connections.fetch('alice', connection.id))).code).toBe('connection_needs_reauth');
    });

    it('renews itself with oauth_session_handle instead (expired by the clock, or by the provider)', async () => {
      let now = Date.now();
      s = await setup(handle, { sessionHandles: true }, { now: () => now });
      expect(s.mock.provider.expiry).toEqual({ field: 'oauth_expires_in', format: 'seconds' });
      const connections = s.another({ store: handle.store });
      const { authorizeUrl } = await connections.connect({ owner: 'alice', provider: 'mock' });
      const query = new URL(s.mock.approve(new URL(authorizeUrl).searchParams.get('oauth_token')!))
        .searchParams;
      const { connection } = await connections.complete({ owner: 'alice', query });
      expect(connection.expiresAt).toBeDefined();
      // The provider expires it early: the call answers 401 token_expired, the next one is renewed.
      s.mock.expireToken(lastAccessToken(s.mock));
      const fetch = await connections.fetch('alice', connection.id);
      expect((await fetch('whoami')).status).toBe(401);
      expect((await fetch('whoami')).status).toBe(200);
      expect((await connections.get('alice', connection.id))?.status).toBe('active');
      // The clock passes expiresAt: fetch() renews before signing.
      now = Date.parse((await connections.get('alice', connection.id))!.expiresAt!) + 1000;
      expect((await connections.get('alice', connection.id))?.status).toBe('active');
      const renewed = await connections.fetch('alice', connection.id);
      expect((await renewed('whoami')).status).toBe(200);
      const after = await connections.get('alice', connection.id);
      expect(Date.parse(after!.expiresAt!)).toBeGreaterThan(now);
      const renewals = s.mock.log.filter((e) => e.endpoint === 'access_token' && e.token?.startsWith('at_'));
      expect(renewals.length).toBe(2);
    });
  });
});
