// One contract, every store (Auth.js's adapter test suite idea): memory, SQLite and PostgreSQL are held
// to the same behaviour, step by step, through the ConnectionStore interface alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionRecord, ConnectionStore, PendingRecord } from '../src/index.js';
import { AVAILABLE_KINDS, type StoreHandle } from './support/stores.js';

const pending = (requestToken: string, overrides: Partial<PendingRecord> = {}): PendingRecord => ({
  requestToken,
  owner: 'alice',
  provider: 'mock',
  sealed: `sealed-${requestToken}`,
  callbackUrl: 'http://127.0.0.1:3000/connections/callback',
  returnTo: '/settings',
  settings: { accountId: '42' },
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_001_200_000,
  ...overrides,
});

let counter = 0;
const connection = (overrides: Partial<ConnectionRecord> = {}): ConnectionRecord => {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, counter++)).toISOString();
  return {
    id: `id-${counter}`,
    owner: 'alice',
    provider: 'mock',
    uid: '1001',
    name: 'ada',
    status: 'active',
    createdAt: at,
    updatedAt: at,
    renewable: false,
    sealed: `sealed-${counter}`,
    ...overrides,
  };
};

describe.each(AVAILABLE_KINDS)('the $name store', (kind) => {
  let handle: StoreHandle;
  let store: ConnectionStore;

  beforeEach(async () => {
    handle = await kind.open();
    store = handle.store;
    await store.migrate();
  });
  afterEach(() => handle.close());

  it('migrates idempotently (twice, and from a second handle)', async () => {
    await store.migrate();
    await handle.another().migrate();
    expect(await store.listConnections('alice')).toEqual([]);
    if (kind.name !== 'memory') {
      const dump = JSON.parse(await handle.dump()) as { rows: unknown[] }[];
      const versions = dump.find((table) => JSON.stringify(table).includes('oauth1a_migrations'));
      expect(versions?.rows).toHaveLength(1);
      expect(versions?.rows[0]).toMatchObject({ version: 1 });
    }
  });

  it('stores a pending authorization and gives it back exactly once', async () => {
    await store.putPending(pending('rt_1', { consumerKey: 'own-key', label: 'Work', reconnectId: 'c1' }));
    expect(await store.takePending('rt_1')).toEqual(
      pending('rt_1', { consumerKey: 'own-key', label: 'Work', reconnectId: 'c1' }),
    );
    expect(await store.takePending('rt_1')).toBeUndefined();
    expect(await store.takePending('rt_unknown')).toBeUndefined();
  });

  it('hands a pending authorization to one of many concurrent takers (two handles)', async () => {
    await store.putPending(pending('rt_race'));
    const other = handle.another();
    const taken = await Promise.all([
      store.takePending('rt_race'),
      other.takePending('rt_race'),
      store.takePending('rt_race'),
      other.takePending('rt_race'),
    ]);
    expect(taken.filter((record) => record !== undefined)).toHaveLength(1);
  });

  it('prunes pending authorizations past their expiry only', async () => {
    await store.putPending(pending('rt_old', { expiresAt: 1000 }));
    await store.putPending(pending('rt_new', { expiresAt: 5000 }));
    expect(await store.prunePending(2000)).toBe(1);
    expect(await store.takePending('rt_old')).toBeUndefined();
    expect(await store.takePending('rt_new')).toBeDefined();
  });

  it('inserts a connection, then updates the same (owner, provider, uid) in place', async () => {
    const first = connection({ label: 'Mine', settings: { a: '1' }, lastError: { code: 'x', message: 'y' } });
    const inserted = await store.upsertConnection(first);
    expect(inserted.created).toBe(true);
    expect(inserted.record).toEqual(first);
    const again = connection({
      name: 'ada2',
      sealed: 'sealed-new',
      renewable: true,
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    const updated = await store.upsertConnection(again);
    expect(updated.created).toBe(false);
    expect(updated.record).toMatchObject({
      id: first.id,
      createdAt: first.createdAt,
      updatedAt: again.updatedAt,
      name: 'ada2',
      label: 'Mine',
      settings: { a: '1' },
      sealed: 'sealed-new',
      renewable: true,
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    expect(updated.record.lastError).toBeUndefined();
    expect(await store.listConnections('alice')).toHaveLength(1);
  });

  it('keeps one row per account: other uids, providers and owners are rows of their own', async () => {
    await store.upsertConnection(connection());
    await store.upsertConnection(connection({ uid: '1002' }));
    await store.upsertConnection(connection({ provider: 'other' }));
    await store.upsertConnection(connection({ owner: 'bob' }));
    expect(await store.listConnections('alice')).toHaveLength(3);
    expect(await store.listConnections('bob')).toHaveLength(1);
  });

  it('scopes every read and write by owner', async () => {
    const { record } = await store.upsertConnection(connection());
    expect(await store.getConnection('bob', record.id)).toBeUndefined();
    expect(await store.updateConnection('bob', record.id, { label: 'x' })).toBeUndefined();
    expect(await store.deleteConnection('bob', record.id)).toBeUndefined();
    expect(await store.getConnection('alice', record.id)).toEqual(record);
  });

  it('lists newest first', async () => {
    const a = await store.upsertConnection(connection({ uid: 'a' }));
    const b = await store.upsertConnection(connection({ uid: 'b' }));
    const c = await store.upsertConnection(connection({ uid: 'c' }));
    expect((await store.listConnections('alice')).map((record) => record.uid)).toEqual(['c', 'b', 'a']);
    expect([a, b, c].every((result) => result.created)).toBe(true);
  });

  it('updates fields, clears them with null, and honours a compare-and-set guard', async () => {
    const { record } = await store.upsertConnection(
      connection({ label: 'L', expiresAt: '2030-01-01T00:00:00.000Z' }),
    );
    const patched = await store.updateConnection('alice', record.id, {
      status: 'needs_reauth',
      lastError: { code: 'connection_needs_reauth', message: 'revoked' },
      label: null,
      expiresAt: null,
      renewable: true,
      lastCheckedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(patched).toMatchObject({
      status: 'needs_reauth',
      lastError: { code: 'connection_needs_reauth', message: 'revoked' },
      renewable: true,
      lastCheckedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(patched?.label).toBeUndefined();
    expect(patched?.expiresAt).toBeUndefined();
    const flip = { status: 'active' as const };
    expect(
      await store.updateConnection('alice', record.id, flip, { sealed: 'another-seal' }),
    ).toBeUndefined();
    expect(await store.updateConnection('alice', record.id, flip, { status: 'active' })).toBeUndefined();
    expect((await store.getConnection('alice', record.id))?.status).toBe('needs_reauth');
    expect(
      await store.updateConnection('alice', record.id, flip, {
        sealed: record.sealed,
        status: 'needs_reauth',
      }),
    ).toMatchObject({ status: 'active' });
  });

  it('deletes and returns the deleted row, once', async () => {
    const { record } = await store.upsertConnection(connection());
    expect(await store.deleteConnection('alice', record.id)).toEqual(record);
    expect(await store.deleteConnection('alice', record.id)).toBeUndefined();
    expect(await store.listConnections('alice')).toEqual([]);
  });

  it('finds connections due for a check, never-checked and least recently checked first, bounded', async () => {
    await store.upsertConnection(connection({ uid: 'recent', lastCheckedAt: '2026-03-01T00:00:00.000Z' }));
    await store.upsertConnection(connection({ uid: 'old', lastCheckedAt: '2026-01-01T00:00:00.000Z' }));
    await store.upsertConnection(connection({ uid: 'never', owner: 'bob' }));
    await store.upsertConnection(connection({ uid: 'older', lastCheckedAt: '2025-12-01T00:00:00.000Z' }));
    const due = await store.dueForCheck('2026-02-01T00:00:00.000Z', 10);
    expect(due.map((record) => record.uid)).toEqual(['never', 'older', 'old']);
    expect((await store.dueForCheck('2026-02-01T00:00:00.000Z', 2)).map((record) => record.uid)).toEqual([
      'never',
      'older',
    ]);
  });
});

describe.each(AVAILABLE_KINDS)('the $name store, first start', (kind) => {
  it('migrates once when several instances start together on an empty database', async () => {
    const handle = await kind.open();
    try {
      const stores = [handle.store, handle.another(), handle.another(), handle.another()];
      await Promise.all(stores.map((store) => store.migrate()));
      await handle.store.upsertConnection(connection());
      expect(await handle.another().listConnections('alice')).toHaveLength(1);
      if (kind.name !== 'memory') {
        const dump = JSON.parse(await handle.dump()) as { rows: unknown[] }[];
        const versions = dump.find((table) => JSON.stringify(table).includes('oauth1a_migrations'));
        expect(versions?.rows).toHaveLength(1);
      }
    } finally {
      await handle.close();
    }
  });
});
