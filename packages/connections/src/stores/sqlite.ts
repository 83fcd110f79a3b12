import { OAuth1Error } from '@oauth1a/core';
import type { ConnectionStore } from '../store.js';
import {
  CONNECTION_COLUMNS,
  connectionFromRow,
  connectionValues,
  guardColumns,
  PENDING_COLUMNS,
  patchColumns,
  pendingFromRow,
  pendingValues,
  type SqlValue,
  upsertUpdate,
} from './columns.js';

/** What the store needs of a statement; better-sqlite3's `Statement` and node:sqlite's `StatementSync` both have it. */
export interface SqliteStatement {
  // unknown[]: better-sqlite3 infers its bind parameters from this; the store binds only text, numbers and null.
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** A better-sqlite3 12 `Database` or a node:sqlite `DatabaseSync` (Node 22+). */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
}

const CONNECTIONS = 'oauth1a_connections';
const PENDING = 'oauth1a_pending';
const MIGRATIONS_TABLE = 'oauth1a_migrations';

/** Numbered, in order; each runs once, in a transaction, recorded in `oauth1a_migrations`. */
export const SQLITE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'connections and pending authorizations',
    sql: `
CREATE TABLE ${CONNECTIONS} (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  provider TEXT NOT NULL,
  uid TEXT NOT NULL,
  name TEXT,
  label TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'needs_reauth')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT,
  last_checked_at TEXT,
  last_error TEXT,
  consumer_key TEXT,
  settings TEXT,
  renewable INTEGER NOT NULL DEFAULT 0,
  sealed TEXT NOT NULL,
  UNIQUE (owner, provider, uid)
);
CREATE INDEX ${CONNECTIONS}_owner ON ${CONNECTIONS} (owner, created_at);
CREATE INDEX ${CONNECTIONS}_checked ON ${CONNECTIONS} (last_checked_at);
CREATE TABLE ${PENDING} (
  request_token TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  provider TEXT NOT NULL,
  sealed TEXT NOT NULL,
  consumer_key TEXT,
  callback_url TEXT NOT NULL,
  return_to TEXT,
  label TEXT,
  settings TEXT,
  reconnect_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX ${PENDING}_expires ON ${PENDING} (expires_at);
`,
  },
];

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * Connections in SQLite, the embedded default: pass a better-sqlite3 12 `Database` or a node:sqlite
 * `DatabaseSync` on a file. The store creates and migrates its tables itself. Every atomic step is one
 * statement (`DELETE … RETURNING`, `INSERT … ON CONFLICT … RETURNING`), so processes sharing the file
 * agree.
 */
export function sqliteStore(db: SqliteDatabase): ConnectionStore {
  if (typeof db?.prepare !== 'function' || typeof db.exec !== 'function') {
    throw new OAuth1Error(
      'invalid_config',
      'sqliteStore expects a better-sqlite3 Database or a node:sqlite DatabaseSync (new Database("connections.db"))',
    );
  }
  const statements = new Map<string, SqliteStatement>();
  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (prepared === undefined) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const one = (sql: string, params: SqlValue[]) =>
    statement(sql).get(...params) as Record<string, unknown> | undefined;
  const all = (sql: string, params: SqlValue[]) => statement(sql).all(...params) as Record<string, unknown>[];

  const insertConnection = `INSERT INTO ${CONNECTIONS} (${CONNECTION_COLUMNS.join(', ')}) VALUES (${placeholders(CONNECTION_COLUMNS.length)}) ON CONFLICT (owner, provider, uid) DO UPDATE SET ${upsertUpdate(CONNECTIONS)} RETURNING *`;
  const insertPending = `INSERT INTO ${PENDING} (${PENDING_COLUMNS.join(', ')}) VALUES (${placeholders(PENDING_COLUMNS.length)})`;

  const store: ConnectionStore = {
    async migrate() {
      // A busy file (another process migrating) waits rather than failing at once.
      db.exec('PRAGMA busy_timeout = 5000');
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
      );
      // IMMEDIATE takes the write lock first, so two processes never apply one migration twice.
      db.exec('BEGIN IMMEDIATE');
      try {
        const applied = new Set(
          all(`SELECT version FROM ${MIGRATIONS_TABLE}`, []).map((row) => Number(row.version)),
        );
        for (const migration of SQLITE_MIGRATIONS) {
          if (applied.has(migration.version)) continue;
          db.exec(migration.sql);
          statement(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`).run(
            migration.version,
            migration.name,
            new Date().toISOString(),
          );
        }
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async putPending(record) {
      statement(insertPending).run(...pendingValues(record));
    },
    async takePending(requestToken) {
      const row = one(`DELETE FROM ${PENDING} WHERE request_token = ? RETURNING *`, [requestToken]);
      return row === undefined ? undefined : pendingFromRow(row);
    },
    async prunePending(now) {
      return all(`DELETE FROM ${PENDING} WHERE expires_at < ? RETURNING request_token`, [now]).length;
    },
    async upsertConnection(record) {
      const row = one(insertConnection, connectionValues(record))!;
      const stored = connectionFromRow(row);
      return { record: stored, created: stored.id === record.id };
    },
    async updateConnection(owner, id, patch, guard = {}) {
      const set = patchColumns(patch);
      if (set.length === 0) return store.getConnection(owner, id);
      const conditions = guardColumns(guard);
      const row = one(
        `UPDATE ${CONNECTIONS} SET ${set.map(([column]) => `${column} = ?`).join(', ')} WHERE owner = ? AND id = ?${conditions.map(([column]) => ` AND ${column} = ?`).join('')} RETURNING *`,
        [...set.map(([, value]) => value), owner, id, ...conditions.map(([, value]) => value)],
      );
      return row === undefined ? undefined : connectionFromRow(row);
    },
    async getConnection(owner, id) {
      const row = one(`SELECT * FROM ${CONNECTIONS} WHERE owner = ? AND id = ?`, [owner, id]);
      return row === undefined ? undefined : connectionFromRow(row);
    },
    async listConnections(owner) {
      return all(`SELECT * FROM ${CONNECTIONS} WHERE owner = ? ORDER BY created_at DESC, id DESC`, [
        owner,
      ]).map(connectionFromRow);
    },
    async deleteConnection(owner, id) {
      const row = one(`DELETE FROM ${CONNECTIONS} WHERE owner = ? AND id = ? RETURNING *`, [owner, id]);
      return row === undefined ? undefined : connectionFromRow(row);
    },
    async dueForCheck(checkedBefore, limit) {
      return all(
        `SELECT * FROM ${CONNECTIONS} WHERE last_checked_at IS NULL OR last_checked_at < ? ORDER BY last_checked_at ASC LIMIT ?`,
        [checkedBefore, limit],
      ).map(connectionFromRow);
    },
  };
  return store;
}
