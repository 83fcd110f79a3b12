// Import a token, rename, remove with revoke, a connection's own consumer on every leg, sealed values
// bound to their rows, secret rotation, events without secrets, and bad input — on every store.
import { createOAuth1Flow, IDLE } from '@oauth1a/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnections, isOAuth1Error } from '../src/index.js';
import { CALLBACK, connectAs, lastAccessToken, SECRET, type Setup, setup } from './support/setup.js';
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

describe.each(AVAILABLE_KINDS)('managing connections on the $name store', (kind) => {
  let handle: StoreHandle;
  let s: Setup;
  const own = { key: 'users-own-key', secret: 'users-own-secret-value' };

  beforeEach(async () => {
    handle = await kind.open();
    s = await setup(handle, {
      consumers: [{ key: 'app-key', secret: 'app-secret-value' }, { ...own }],
    });
  });
  afterEach(async () => {
    await s.mock.close();
    await handle.close();
  });

  /** A token issued out of band, as NetSuite's console issues one: here through core's flow directly. */
  async function consoleToken(userId = '1002', consumer = s.mock.consumer) {
    const flow = createOAuth1Flow({ provider: s.mock.provider, consumer });
    const begun = await flow.begin(IDLE, { callbackUrl: 'oob' });
    const callback = new URL(s.mock.approve(begun.pending.requestToken, userId), 'http://x/');
    const { credentials } = await flow.complete(begun.state, callback.searchParams);
    return { token: credentials.token, tokenSecret: credentials.tokenSecret };
  }

  it('importToken(): a pasted token checked by "who am I" and stored like any connection', async () => {
    const pasted = await consoleToken('1002');
    const connection = await s.connections.importToken({
      owner: 'alice',
      provider: 'mock',
      label: 'Pasted',
      ...pasted,
    });
    expect(connection).toMatchObject({ uid: '1002', name: 'grace', label: 'Pasted', status: 'active' });
    expect((await (await s.connections.fetch('alice', connection.id))('whoami')).status).toBe(200);
    expect(s.events.map((event) => event.type)).toEqual(['connected']);
  });

  it("importToken(): with the user's own consumer, which then signs every call", async () => {
    const pasted = await consoleToken('1001', own);
    const connection = await s.connections.importToken({
      owner: 'alice',
      provider: 'mock',
      consumer: own,
      ...pasted,
    });
    const fetch = await s.connections.fetch('alice', connection.id);
    expect(await (await fetch('echo')).json()).toMatchObject({ consumerKey: own.key, userId: '1001' });
    expect(await handle.dump()).not.toContain(own.secret);
  });

  it('importToken(): a token the provider rejects stores nothing', async () => {
    const pasted = await consoleToken('1002');
    s.mock.revokeToken(pasted.token);
    const error = await failure(s.connections.importToken({ owner: 'alice', provider: 'mock', ...pasted }));
    expect(error.code).toBe('profile_failed');
    expect(error.message).not.toContain(pasted.tokenSecret);
    expect(await s.connections.list('alice')).toEqual([]);
    expect(
      (
        await failure(
          s.connections.importToken({ owner: 'alice', provider: 'mock', token: 'at_x', tokenSecret: 'y' }),
        )
      ).code,
    ).toBe('profile_failed');
    expect(s.events).toEqual([]);
  });

  it('a connection with its own consumer uses its key on every leg and every call, secret sealed', async () => {
    const connection = await connectAs(s, 'alice', '1001', {
      consumer: own,
      settings: { accountId: 'TSTDRV1' },
    });
    expect(connection.settings).toEqual({ accountId: 'TSTDRV1' });
    const fetch = await s.connections.fetch('alice', connection.id);
    expect(await (await fetch('echo')).json()).toMatchObject({ consumerKey: own.key });
    const legs = s.mock.log.filter((entry) => entry.endpoint !== 'authorize');
    expect(legs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(legs.map((entry) => entry.consumerKey))).toEqual(new Set([own.key]));
    // Reconnecting keeps the connection's own consumer without being given it again.
    s.mock.revokeToken(lastAccessToken(s.mock));
    expect((await fetch('echo')).status).toBe(401);
    const before = s.mock.log.length;
    await connectAs(s, 'alice', '1001', { reconnect: connection.id });
    expect(
      new Set(
        s.mock.log
          .slice(before)
          .filter((e) => e.endpoint !== 'authorize')
          .map((e) => e.consumerKey),
      ),
    ).toEqual(new Set([own.key]));
    expect(await handle.dump()).not.toContain(own.secret);
  });

  it('rename(): sets the label, emits renamed; another owner gets not_found', async () => {
    const connection = await connectAs(s, 'alice');
    const renamed = await s.connections.rename('alice', connection.id, 'Marketing');
    expect(renamed.label).toBe('Marketing');
    expect((await s.connections.get('alice', connection.id))?.label).toBe('Marketing');
    expect(s.events.at(-1)).toMatchObject({ type: 'renamed', connection: { label: 'Marketing' } });
    expect((await failure(s.connections.rename('bob', connection.id, 'Mine'))).code).toBe('not_found');
    expect((await failure(s.connections.rename('alice', connection.id, ''))).code).toBe('invalid_request');
  });

  it('remove(): revokes at the provider, then deletes; another owner gets not_found', async () => {
    const connection = await connectAs(s, 'alice');
    const token = lastAccessToken(s.mock);
    expect((await failure(s.connections.remove('bob', connection.id))).code).toBe('not_found');
    const result = await s.connections.remove('alice', connection.id);
    expect(result).toMatchObject({ revoke: 'revoked', connection: { id: connection.id } });
    expect(s.mock.log.at(-1)).toMatchObject({ endpoint: 'revoke', status: 200, token });
    expect(s.mock.revokeToken(token)).toBe(false); // already gone at the provider
    expect(await s.connections.list('alice')).toEqual([]);
    expect(s.events.at(-1)?.type).toBe('removed');
    expect((await failure(s.connections.remove('alice', connection.id))).code).toBe('not_found');
  });

  it('remove(): a failing revoke still removes locally and says so', async () => {
    const connection = await connectAs(s, 'alice');
    s.mock.setFault('revoke', { status: 500 });
    const result = await s.connections.remove('alice', connection.id);
    expect(result.revoke).toBe('failed');
    expect(result.error).toMatchObject({ code: 'revoke_failed' });
    expect(result.error?.message).toContain('500');
    expect(await s.connections.list('alice')).toEqual([]);
  });

  it('remove(): a provider without a revoke request says not_supported', async () => {
    const { revoke: _revoke, ...plain } = s.mock.provider;
    const connections = createConnections({
      ...s.options,
      providers: { mock: { provider: plain, consumer: s.mock.consumer } },
    });
    const { authorizeUrl } = await connections.connect({ owner: 'alice', provider: 'mock' });
    const query = new URL(s.mock.approve(new URL(authorizeUrl).searchParams.get('oauth_token')!))
      .searchParams;
    const { connection } = await connections.complete({ owner: 'alice', query });
    expect((await connections.remove('alice', connection.id)).revoke).toBe('not_supported');
  });

  it('events carry the connection and never a secret', async () => {
    const connection = await connectAs(s, 'alice', '1001', { consumer: own });
    await s.connections.rename('alice', connection.id, 'x');
    await s.connections.remove('alice', connection.id);
    const text = JSON.stringify(s.events);
    expect(s.events.map((event) => event.type)).toEqual(['connected', 'renamed', 'removed']);
    expect(text).not.toContain(own.secret);
    expect(text).not.toContain('Fe26');
    expect(text).not.toContain(lastAccessToken(s.mock));
  });

  it('a throwing onChange hook never undoes the change', async () => {
    const connections = createConnections({
      ...s.options,
      onChange: () => {
        throw new Error('webhook down');
      },
    });
    const { authorizeUrl } = await connections.connect({ owner: 'alice', provider: 'mock' });
    const query = new URL(s.mock.approve(new URL(authorizeUrl).searchParams.get('oauth_token')!))
      .searchParams;
    const { connection } = await connections.complete({ owner: 'alice', query });
    expect(await connections.get('alice', connection.id)).toEqual(connection);
  });

  it('sealed secrets open only in their own row, and after rotating with the old secret kept', async () => {
    const ada = await connectAs(s, 'alice', '1001');
    const grace = await connectAs(s, 'alice', '1002');
    // Rotation: a new secret seals, the old one still opens what it sealed.
    const rotated = createConnections({ ...s.options, secret: { 1: SECRET, 2: `${SECRET}-rotated-2` } });
    expect((await (await rotated.fetch('alice', ada.id))('whoami')).status).toBe(200);
    const without = createConnections({ ...s.options, secret: `${SECRET}-rotated-2` });
    expect((await failure(without.fetch('alice', ada.id))).code).toBe('sealed_data_invalid');
    // A sealed value copied into another row (grace's seal into ada's row) fails to open.
    const graceRecord = await handle.store.getConnection('alice', grace.id);
    await handle.store.updateConnection('alice', ada.id, { sealed: graceRecord!.sealed });
    const fresh = createConnections({ ...s.options });
    const error = await failure(fresh.fetch('alice', ada.id));
    expect(error.code).toBe('sealed_data_invalid');
    expect(error.message).toContain('another row');
  });

  it('refuses bad input and bad options with coded errors', async () => {
    const c = s.connections;
    expect((await failure(c.connect({ owner: '', provider: 'mock' }))).code).toBe('invalid_request');
    expect((await failure(c.connect({ owner: 'a', provider: 'nope' }))).code).toBe('invalid_request');
    expect(
      (await failure(c.connect({ owner: 'a', provider: 'mock', settings: { a: 1 as unknown as string } })))
        .code,
    ).toBe('invalid_request');
    expect((await failure(c.complete({ owner: 'a', query: 42 as unknown as string }))).code).toBe(
      'invalid_request',
    );
    expect((await failure(c.get('a\u0000b', 'x'))).code).toBe('invalid_request');
    const bad = (patch: object) => () => createConnections({ ...s.options, ...patch });
    expect(bad({ secret: 'short' })).toThrow(/at least 32 characters/);
    expect(bad({ callbackUrl: 'http://app.example/cb' })).toThrow(/https/);
    expect(bad({ callbackUrl: '/relative' })).toThrow(/absolute URL/);
    expect(bad({ store: {} })).toThrow(/memoryStore\(\)/);
    expect(bad({ providers: { x: { provider: { id: 'x' } } } })).toThrow(/invalid_config/);
    expect(CALLBACK).toMatch(/^http:\/\/127\.0\.0\.1/); // loopback http is fine
  });

  it('returnTo only ever points back to the app', async () => {
    for (const [returnTo, expected] of [
      ['/ok?x=1', '/ok?x=1'],
      ['https://evil.example/', '/'],
      ['//evil.example', '/'],
    ] as const) {
      const { authorizeUrl } = await s.connections.connect({ owner: 'alice', provider: 'mock', returnTo });
      const query = new URL(s.mock.approve(new URL(authorizeUrl).searchParams.get('oauth_token')!))
        .searchParams;
      expect((await s.connections.complete({ owner: 'alice', query })).returnTo).toBe(expected);
    }
  });
});
