// The three stores every contract and lifecycle test runs against: memory, SQLite (better-sqlite3 12 on
// a temp file) and PostgreSQL (a real server from DATABASE_URL; scripts/with-postgres.sh starts one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type ConnectionStore, memoryStore } from '../../src/index.js';
import { postgresStore } from '../../src/stores/postgres.js';
import { type SqliteDatabase, sqliteStore } from '../../src/stores/sqlite.js';

const DATABASE_URL = process.env.DATABASE_URL;
export const havePostgres = DATABASE_URL !== undefined && DATABASE_URL !== '';
if (!havePostgres) {
  if (process.env.CI === 'true') {
    throw new Error(
      'DATABASE_URL is missing: CI must start PostgreSQL for the Postgres store tests (scripts/with-postgres.sh npm test)',
    );
  }
  console.warn(
    'SKIPPED the PostgreSQL store tests: DATABASE_URL is not set (run them with scripts/with-postgres.sh npx vitest run)',
  );
}

/** One store instance of a kind; `another()` opens a second handle on the same data (a second process). */
export interface StoreHandle {
  store: ConnectionStore;
  another(): ConnectionStore;
  /** Every row of the store's tables, as text (what a database dump would show). */
  dump(): Promise<string>;
  close(): Promise<void>;
}

export interface StoreKind {
  name: 'memory' | 'sqlite' | 'node:sqlite' | 'postgres';
  open(): Promise<StoreHandle>;
}

let schemaCounter = 0;

/** node:sqlite's DatabaseSync exists from Node 22.5; on Node 20 its runs are skipped. */
const nodeSqlite = await import('node:sqlite' as string).catch(() => undefined);
if (nodeSqlite === undefined) {
  console.warn(`SKIPPED the node:sqlite store runs: Node ${process.versions.node} has no node:sqlite`);
}

function sqliteKind(
  name: 'sqlite' | 'node:sqlite',
  openFile: (file: string) => SqliteDatabase & { close(): void },
): StoreKind {
  return {
    name,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'oauth1a-connections-'));
      const file = join(dir, 'connections.db');
      const handles: (SqliteDatabase & { close(): void })[] = [];
      const openDb = () => {
        const db = openFile(file);
        db.exec('PRAGMA journal_mode = WAL');
        handles.push(db);
        return db;
      };
      const first = openDb();
      return {
        store: sqliteStore(first),
        another: () => sqliteStore(openDb()),
        async dump() {
          const tables = first.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
            name: string;
          }[];
          return JSON.stringify(
            tables.map(({ name }) => ({ name, rows: first.prepare(`SELECT * FROM "${name}"`).all() })),
          );
        },
        async close() {
          for (const db of handles) db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'memory',
    async open() {
      const store = memoryStore();
      return {
        store,
        // A second process cannot share memory: two instances in one process share the store object.
        another: () => store,
        // Every connection record, read back through the store's own API (it has no tables).
        dump: async () => JSON.stringify(await store.dueForCheck('9999-12-31T00:00:00.000Z', 1000)),
        async close() {},
      };
    },
  },
  sqliteKind('sqlite', (file) => new Database(file)),
  ...(nodeSqlite === undefined
    ? []
    : [
        sqliteKind(
          'node:sqlite',
          (file) =>
            new (
              nodeSqlite as { DatabaseSync: new (file: string) => SqliteDatabase & { close(): void } }
            ).DatabaseSync(file),
        ),
      ]),
  {
    name: 'postgres',
    async open() {
      const schema = `oauth1a_test_${process.pid}_${Date.now()}_${schemaCounter++}`;
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const pools: pg.Pool[] = [];
      const openPool = () => {
        const pool = new pg.Pool({
          connectionString: DATABASE_URL,
          max: 4,
          options: `-c search_path=${schema}`,
        });
        pools.push(pool);
        return pool;
      };
      const first = openPool();
      return {
        store: postgresStore(first),
        another: () => postgresStore(openPool()),
        async dump() {
          const tables = await first.query(
            'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
            [schema],
          );
          const out = [];
          for (const { table_name } of tables.rows) {
            out.push({
              table_name,
              rows: (await first.query(`SELECT * FROM ${schema}."${table_name}"`)).rows,
            });
          }
          return JSON.stringify(out);
        },
        async close() {
          for (const pool of pools) await pool.end();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  },
];

/** The kinds to run here: PostgreSQL only with a server. */
export const AVAILABLE_KINDS = STORE_KINDS.filter((kind) => kind.name !== 'postgres' || havePostgres);
