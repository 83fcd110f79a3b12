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

/** Anything with node-postgres's `query(text, values) -> { rows }`: a `pg.Pool` or a `pg.Client`. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const CONNECTIONS = 'oauth1a_connections';
const PENDING = 'oauth1a_pending';
const MIGRATIONS_TABLE = 'oauth1a_migrations';
/** pg_advisory_xact_lock key: migrations of several app instances starting at once take turns. */
const MIGRATION_LOCK = 5849_0001;

/** Numbered, in order; each runs once, in one transaction with the lock, recorded in `oauth1a_migrations`. */
export const POSTGRES_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'connections and pending authorizations',
    sql: `
CREATE TABLE IF NOT EXISTS ${CONNECTIONS} (
  id text PRIMARY KEY,
  owner text NOT NULL,
  provider text NOT NULL,
  uid text NOT NULL,
  name text,
  label text,
  status text NOT NULL CHECK (status IN ('active', 'needs_reauth')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_checked_at timestamptz,
  last_error jsonb,
  consumer_key text,
  settings jsonb,
  renewable boolean NOT NULL DEFAULT false,
  sealed text NOT NULL,
  UNIQUE (owner, provider, uid)
);
CREATE INDEX IF NOT EXISTS ${CONNECTIONS}_owner ON ${CONNECTIONS} (owner, created_at);
CREATE INDEX IF NOT EXISTS ${CONNECTIONS}_checked ON ${CONNECTIONS} (last_checked_at NULLS FIRST);
CREATE TABLE IF NOT EXISTS ${PENDING} (
  request_token text PRIMARY KEY,
  owner text NOT NULL,
  provider text NOT NULL,
  sealed text NOT NULL,
  consumer_key text,
  callback_url text NOT NULL,
  return_to text,
  label text,
  settings jsonb,
  reconnect_id text,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ${PENDING}_expires ON ${PENDING} (expires_at);
`,
  },
];

const placeholders = (count: number, from = 1) =>
  Array.from({ length: count }, (_, index) => `$${index + from}`).join(', ');

/**
 * Connections in PostgreSQL, for apps running many instances: pass a `pg.Pool` (or a `pg.Client`, or
 * anything with `query(text, values)`). The store creates and migrates its tables itself. Every atomic
 * step is one statement (`DELETE … RETURNING`, `INSERT … ON CONFLICT … RETURNING`).
 */
export function postgresStore(queryable: Queryable): ConnectionStore {
  if (typeof queryable?.query !== 'function') {
    throw new OAuth1Error(
      'invalid_config',
      'postgresStore expects a pg.Pool or pg.Client (anything with query(text, values))',
    );
  }
  const rows = async (text: string, values: SqlValue[]) => (await queryable.query(text, values)).rows;
  const one = async (text: string, values: SqlValue[]) => (await rows(text, values))[0];

  const insertConnection = `INSERT INTO ${CONNECTIONS} (${CONNECTION_COLUMNS.join(', ')}) VALUES (${placeholders(CONNECTION_COLUMNS.length)}) ON CONFLICT (owner, provider, uid) DO UPDATE SET ${upsertUpdate(CONNECTIONS)} RETURNING *`;
  const insertPending = `INSERT INTO ${PENDING} (${PENDING_COLUMNS.join(', ')}) VALUES (${placeholders(PENDING_COLUMNS.length)})`;

  const store: ConnectionStore = {
    async migrate() {
      // One simple-protocol query (no values) runs as one implicit transaction: the advisory lock
      // makes concurrent instances take turns, and a failure rolls the whole step back.
      await queryable.query(
        `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}); CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const applied = new Set(
        (await rows(`SELECT version FROM ${MIGRATIONS_TABLE}`, [])).map((row) => Number(row.version)),
      );
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await queryable.query(
          `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}); ${migration.sql}; INSERT INTO ${MIGRATIONS_TABLE} (version, name) VALUES (${migration.version}, '${migration.name.replace(/'/g, "''")}') ON CONFLICT (version) DO NOTHING`,
        );
      }
    },
    async putPending(record) {
      await rows(insertPending, pendingValues(record));
    },
    async takePending(requestToken) {
      const row = await one(`DELETE FROM ${PENDING} WHERE request_token = $1 RETURNING *`, [requestToken]);
      return row === undefined ? undefined : pendingFromRow(row);
    },
    async prunePending(now) {
      return (await rows(`DELETE FROM ${PENDING} WHERE expires_at < $1 RETURNING request_token`, [now]))
        .length;
    },
    async upsertConnection(record) {
      const row = await one(insertConnection, connectionValues(record));
      if (row === undefined) throw new OAuth1Error('internal_error', 'the connection upsert returned no row');
      const stored = connectionFromRow(row);
      return { record: stored, created: stored.id === record.id };
    },
    async updateConnection(owner, id, patch, guard = {}) {
      const set = patchColumns(patch);
      if (set.length === 0) return store.getConnection(owner, id);
      const conditions = guardColumns(guard);
      const values: SqlValue[] = [
        ...set.map(([, value]) => value),
        owner,
        id,
        ...conditions.map(([, value]) => value),
      ];
      const assignments = set.map(([column], index) => `${column} = $${index + 1}`).join(', ');
      const where = conditions
        .map(([column], index) => ` AND ${column} = $${set.length + 3 + index}`)
        .join('');
      const row = await one(
        `UPDATE ${CONNECTIONS} SET ${assignments} WHERE owner = $${set.length + 1} AND id = $${set.length + 2}${where} RETURNING *`,
        values,
      );
      return row === undefined ? undefined : connectionFromRow(row);
    },
    async getConnection(owner, id) {
      const row = await one(`SELECT * FROM ${CONNECTIONS} WHERE owner = $1 AND id = $2`, [owner, id]);
      return row === undefined ? undefined : connectionFromRow(row);
    },
    async listConnections(owner) {
      return (
        await rows(`SELECT * FROM ${CONNECTIONS} WHERE owner = $1 ORDER BY created_at DESC, id DESC`, [owner])
      ).map(connectionFromRow);
    },
    async deleteConnection(owner, id) {
      const row = await one(`DELETE FROM ${CONNECTIONS} WHERE owner = $1 AND id = $2 RETURNING *`, [
        owner,
        id,
      ]);
      return row === undefined ? undefined : connectionFromRow(row);
    },
    async dueForCheck(checkedBefore, limit) {
      return (
        await rows(
          `SELECT * FROM ${CONNECTIONS} WHERE last_checked_at IS NULL OR last_checked_at < $1 ORDER BY last_checked_at ASC NULLS FIRST LIMIT $2`,
          [checkedBefore, limit],
        )
      ).map(connectionFromRow);
    },
  };
  return store;
}
