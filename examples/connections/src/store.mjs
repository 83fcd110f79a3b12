import { readFile, rename, writeFile } from 'node:fs/promises';
import { sealData, unsealData } from 'iron-session';

/**
 * The connection store: one JSON file on the server. Each connection's name (provider, uid, display name)
 * is kept in clear for listing; its credentials (access token, token secret, the access-token answer's other
 * params) are sealed with the app's key by iron-session's `sealData` (AES-256-CBC + HMAC-SHA256, never
 * expiring), so the file alone gives no one a usable token. A database table with the same columns does the
 * same job (`node:sqlite` is not in Node 20): keep this interface and swap the file for it.
 *
 * Writes go one at a time through a queue and land by rename, so a reader never sees half a file.
 *
 * @param {{ file: string, password: string }} options `password`: at least 32 characters
 */
export function openConnectionStore({ file, password }) {
  if (typeof password !== 'string' || password.length < 32) {
    throw new TypeError('the connection store needs a password of at least 32 characters');
  }
  let queue = Promise.resolve();

  async function readAll() {
    try {
      return JSON.parse(await readFile(file, 'utf8')).connections;
    } catch (error) {
      if (error.code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Applies `change` to the stored list, after every earlier change. */
  function update(change) {
    const run = queue.then(async () => {
      const next = change(await readAll());
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ connections: next }, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, file);
    });
    queue = run.catch(() => {});
    return run;
  }

  const owns = (owner, id) => (entry) => entry.owner === owner && entry.id === id;

  return {
    file,

    /** The owner's connections, oldest first, without their credentials. */
    async list(owner) {
      return (await readAll()).filter((entry) => entry.owner === owner).map(({ sealed, ...entry }) => entry);
    },

    /**
     * One connection with its credentials unsealed; `credentials` is undefined when the seal no longer opens
     * (the app's key changed): connect again.
     */
    async get(owner, id) {
      const entry = (await readAll()).find(owns(owner, id));
      if (!entry) return undefined;
      const { sealed, ...connection } = entry;
      const credentials = await unsealData(sealed, { password, ttl: 0 });
      return { ...connection, credentials: credentials.tokenSecret ? credentials : undefined };
    },

    /** Adds the connection, or replaces the one with the same id (the same account connected again). */
    async save(owner, connection, { token, tokenSecret, params }) {
      const sealed = await sealData({ token, tokenSecret, params }, { password, ttl: 0 });
      const entry = { ...connection, owner, sealed };
      await update((entries) => [...entries.filter((other) => !owns(owner, connection.id)(other)), entry]);
    },

    /** Removes one connection; resolves whether it was there. */
    async remove(owner, id) {
      let removed = false;
      await update((entries) => {
        const kept = entries.filter((entry) => !owns(owner, id)(entry));
        removed = kept.length < entries.length;
        return kept;
      });
      return removed;
    },
  };
}
