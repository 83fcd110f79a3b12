import { readFile, rename, writeFile } from 'node:fs/promises';
import { sealData, unsealData } from 'iron-session';
import initSqlJs from 'sql.js';

const SCHEMA = `CREATE TABLE IF NOT EXISTS connections (
  owner TEXT NOT NULL,
  id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  uid TEXT NOT NULL,
  name TEXT NOT NULL,
  connected_at TEXT NOT NULL,
  sealed TEXT NOT NULL,
  PRIMARY KEY (owner, id)
)`;

/**
 * The connection store: a SQLite database file (through sql.js, SQLite compiled to WebAssembly: no native
 * build, and Node 20 has no `node:sqlite`). Each connection's name (provider, uid, display name) is kept in
 * clear for listing; its credentials (access token, token secret, the access-token answer's other params)
 * are sealed with the app's key by iron-session's `sealData` (AES-256-CBC + HMAC-SHA256, never expiring),
 * so the file alone gives no one a usable token.
 *
 * sql.js keeps the database in memory: every change is written back whole, one at a time, by rename, so a
 * reader never sees half a file. Fine for an example; a server database takes the same four methods.
 *
 * @param {{ file: string, password: string }} options `password`: at least 32 characters
 */
export function openConnectionStore({ file, password }) {
  if (typeof password !== 'string' || password.length < 32) {
    throw new TypeError('the connection store needs a password of at least 32 characters');
  }
  const opened = (async () => {
    const SQL = await initSqlJs();
    let bytes;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    const db = new SQL.Database(bytes);
    db.run(SCHEMA);
    return db;
  })();
  let queue = Promise.resolve();

  function rows(db, sql, params) {
    const statement = db.prepare(sql);
    try {
      statement.bind(params);
      const found = [];
      while (statement.step()) found.push(statement.getAsObject());
      return found;
    } finally {
      statement.free();
    }
  }

  /** Runs `change` on the database after every earlier change, then writes the file. */
  function update(change) {
    const run = queue.then(async () => {
      const db = await opened;
      const result = change(db);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, db.export(), { mode: 0o600 });
      await rename(temporary, file);
      return result;
    });
    queue = run.catch(() => {});
    return run;
  }

  const toConnection = (row) => ({
    id: row.id,
    providerId: row.provider_id,
    uid: row.uid,
    name: row.name,
    connectedAt: row.connected_at,
    owner: row.owner,
  });

  return {
    file,

    /** The owner's connections, oldest first, without their credentials. */
    async list(owner) {
      return rows(await opened, 'SELECT * FROM connections WHERE owner = ? ORDER BY rowid', [owner]).map(
        toConnection,
      );
    },

    /**
     * One connection with its credentials unsealed; `credentials` is undefined when the seal no longer opens
     * (the app's key changed): connect again.
     */
    async get(owner, id) {
      const [row] = rows(await opened, 'SELECT * FROM connections WHERE owner = ? AND id = ?', [owner, id]);
      if (!row) return undefined;
      const credentials = await unsealData(row.sealed, { password, ttl: 0 });
      return { ...toConnection(row), credentials: credentials.tokenSecret ? credentials : undefined };
    },

    /** Adds the connection, or replaces the one with the same id (the same account connected again). */
    async save(owner, connection, { token, tokenSecret, params }) {
      const sealed = await sealData({ token, tokenSecret, params }, { password, ttl: 0 });
      await update((db) => {
        db.run('DELETE FROM connections WHERE owner = ? AND id = ?', [owner, connection.id]);
        db.run(
          'INSERT INTO connections (owner, id, provider_id, uid, name, connected_at, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [
            owner,
            connection.id,
            connection.providerId,
            connection.uid,
            connection.name,
            connection.connectedAt,
            sealed,
          ],
        );
      });
    },

    /** Removes one connection; resolves whether it was there. */
    async remove(owner, id) {
      return update((db) => {
        db.run('DELETE FROM connections WHERE owner = ? AND id = ?', [owner, id]);
        return db.getRowsModified() > 0;
      });
    },

    /** Every stored row as it is in the file (for inspection and tests): credentials stay sealed. */
    async rawRows() {
      return rows(await opened, 'SELECT * FROM connections ORDER BY rowid', []);
    },
  };
}
