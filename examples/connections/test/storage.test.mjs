// Storage: a SQLite file in the data folder by default (connections survive a restart, and the file
// holds no secret), PostgreSQL with DATABASE_URL (a real server; skipped without one, failing under CI).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startExample } from '../src/server.mjs';
import { apiResultOf, connect, latestAccessToken, rowsOf, signedIn, startTestExample } from './support.mjs';

const DATABASE_URL = process.env.DATABASE_URL;
const havePostgres = Boolean(DATABASE_URL);
if (!havePostgres) {
  if (process.env.CI === 'true') {
    throw new Error('DATABASE_URL is missing: CI must start PostgreSQL (scripts/with-postgres.sh npm test)');
  }
  console.warn(
    'SKIPPED the example on PostgreSQL: DATABASE_URL is not set (scripts/with-postgres.sh npx vitest run)',
  );
}

describe('SQLite in the data folder', () => {
  const opened = [];
  afterAll(async () => {
    for (const example of opened.reverse()) await example.close();
  });

  it('keeps connections across a restart, with no token secret in the file', async () => {
    const first = await startTestExample();
    opened.push(first);
    const ada = await signedIn(first, 'ada');
    await connect(first, ada, 'tasks', { userId: '1001', fields: { label: 'kept' } });
    const token = latestAccessToken(first.mocks.tasks);
    const file = join(first.dataDir, 'connections.db');
    const key = join(first.dataDir, 'connections-secret.key');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const bytes = [file, `${file}-wal`]
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path).toString('latin1'))
      .join('');
    expect(bytes).toContain('kept');
    expect(bytes).not.toContain(token);

    // A second process on the same folder (the same key file) lists the same connection.
    const second = await startExample({ env: { OAUTH1A_DATA_DIR: first.dataDir } });
    opened.push(second);
    const again = await signedIn(second, 'ada');
    const [row] = rowsOf(await again.page());
    expect(row).toMatchObject({ title: 'kept', account: 'ada', status: 'active' });
  });

  it('refuses a short OAUTH1A_CONNECTIONS_SECRET', async () => {
    await expect(startTestExample({ OAUTH1A_CONNECTIONS_SECRET: 'short' })).rejects.toThrow(/32 characters/);
  });
});

describe.skipIf(!havePostgres)('PostgreSQL with DATABASE_URL', () => {
  const schema = `example_connections_${process.pid}`;
  let admin;
  let example;

  afterAll(async () => {
    await example?.close();
    if (admin) {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });

  it('needs shared keys, then runs the lifecycle on PostgreSQL', async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const url = new URL(DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    await expect(startTestExample({ DATABASE_URL: url.href })).rejects.toThrow(/OAUTH1A_SESSION_PASSWORD/);
    example = await startTestExample({
      DATABASE_URL: url.href,
      OAUTH1A_SESSION_PASSWORD: 'a session password of at least 32 chars',
      OAUTH1A_CONNECTIONS_SECRET: 'a connections secret of at least 32 chars',
    });
    expect(example.storage.where).toMatch(/^PostgreSQL /);
    const ada = await signedIn(example, 'ada');
    await connect(example, ada, 'tasks', { userId: '1001' });
    await connect(example, ada, 'tasks', { userId: '1002' });
    const rows = rowsOf(await ada.page());
    expect(rows.map((row) => row.account)).toEqual(['grace', 'ada']);
    const call = await ada.post('/call', { connection: rows[0].id, path: 'echo' }).expect(200);
    expect(apiResultOf(call.text).userId).toBe('1002');
    const { rows: stored } = await admin.query(
      `SELECT count(*)::int AS n FROM ${schema}.oauth1a_connections`,
    );
    expect(stored[0].n).toBe(2);
    // The pool's error event is handled: a dropped idle client does not end the process.
    expect(example.storage.pool.listenerCount('error')).toBeGreaterThan(0);
  });
});
