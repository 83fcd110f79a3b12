import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where connections live. PostgreSQL when DATABASE_URL is set (many app instances share it), else a
 * SQLite file in the data folder (OAUTH1A_DATA_DIR, default `data/` beside this example): nothing to
 * install, and connections survive a restart.
 *
 * @param {NodeJS.ProcessEnv} env
 * @param {string} defaultDataDir
 * @returns {Promise<{ store: import('@oauth1a/connections').ConnectionStore, where: string, close: () => Promise<void> }>}
 */
export async function openStorage(env, defaultDataDir) {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  const folder = env.OAUTH1A_DATA_DIR || defaultDataDir;
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, 'connections.db');
  const { default: Database } = await import('better-sqlite3');
  const { sqliteStore } = await import('@oauth1a/connections/sqlite');
  const db = new Database(file);
  // WAL lets several processes (or a periodic checkAll job) read while one writes.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return { store: sqliteStore(db), file, where: `SQLite file ${file}`, close: async () => db.close() };
}

async function openPostgres(connectionString) {
  const { default: pg } = await import('pg');
  const { postgresStore } = await import('@oauth1a/connections/postgres');
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 5000, max: 10 });
  // node-postgres emits `error` on the pool when the server drops an idle client (a restart, a
  // failover). Unhandled, that event ends the process; handled, the pool opens a new client on the
  // next query, so the app rides through a database restart.
  pool.on('error', (error) => {
    console.error(
      `connections example: PostgreSQL dropped an idle client (${error.message}); it reconnects on the next query`,
    );
  });
  return {
    store: postgresStore(pool),
    where: `PostgreSQL ${redact(connectionString)}`,
    pool,
    close: () => pool.end(),
  };
}

/** The connection string without its password, for the startup line. */
function redact(connectionString) {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return '(DATABASE_URL)';
  }
}
