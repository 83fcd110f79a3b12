import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnections } from '@oauth1a/connections';
import { isLoopbackHost } from '@oauth1a/core';
import { baseUrl, listen } from '@oauth1a/example-kit';
import { BASE_PATH, createApp } from './app.mjs';
import { loadProviders } from './providers.mjs';
import { openStorage } from './storage.mjs';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/**
 * A key from the environment, or (for a single process on your laptop) a random one. A shared database
 * needs the same keys on every instance, so with DATABASE_URL they are required.
 */
function keyFrom(env, name) {
  const value = env[name];
  if (value !== undefined && value.length < 32) throw new Error(`${name} must be at least 32 characters`);
  if (value) return value;
  if (env.DATABASE_URL) {
    throw new Error(`with DATABASE_URL, set ${name} (32+ characters, the same on every instance)`);
  }
  return undefined;
}

/**
 * Starts the providers, opens the store and serves the app. The callback URL is built on
 * OAUTH1A_BASE_URL when set (required off loopback: never from a request's Host), else on the loopback
 * address the app listens on.
 *
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv, log?: boolean }} [options] `log`: print
 *   each connection change (`npm start` does; a real app would notify its user or post a webhook)
 */
export async function startExample({ port = 0, host = '127.0.0.1', env = process.env, log = false } = {}) {
  const publicUrl = baseUrl(env);
  if (!publicUrl && !isLoopbackHost(host)) {
    throw new Error(
      `listening on ${host} (not loopback) needs OAUTH1A_BASE_URL, the app's public origin (https://your.app): the callback URL is built on it`,
    );
  }
  const sessionPassword = keyFrom(env, 'OAUTH1A_SESSION_PASSWORD') ?? randomBytes(32).toString('base64url');
  const secret = keyFrom(env, 'OAUTH1A_CONNECTIONS_SECRET');
  const storage = await openStorage(env, DEFAULT_DATA_DIR);
  const loaded = await loadProviders(env);
  let app;
  // Listen first: the callback URL names the port (a free one in tests).
  const server = await listen((req, res) => app(req, res), { port, host });
  try {
    const appOrigin = publicUrl ? new URL(publicUrl).origin : server.url;
    const connections = createConnections({
      store: storage.store,
      secret: secret ?? (await localSecret(storage)),
      callbackUrl: `${appOrigin}${BASE_PATH}/callback`,
      providers: loaded.providers,
      // Every transition (connected, needs_reauth, reconnected, ...), never with a secret.
      onChange: log
        ? ({ type, connection }) =>
            console.log(`connection ${connection.id} at ${connection.provider}: ${type}`)
        : undefined,
    });
    app = createApp({
      connections,
      appOrigin,
      sessionPassword,
      forms: loaded.forms,
      views: loaded.views,
      mocks: loaded.mocks,
      providers: loaded.providers,
      trustedHost: Boolean(publicUrl),
    });
    return {
      appUrl: appOrigin,
      listenUrl: server.url,
      connections,
      storage,
      mocks: loaded.mocks,
      providers: Object.values(loaded.views).map((view) => view.name),
      async close() {
        await server.close();
        await loaded.close();
        await storage.close();
      },
    };
  } catch (error) {
    await server.close();
    await loaded.close();
    await storage.close();
    throw error;
  }
}

/**
 * Without OAUTH1A_CONNECTIONS_SECRET, one SQLite process keeps a random key in the database's folder, so
 * that stored connections still open after a restart. Fine on a laptop; in production set the variable
 * (from your secret manager), so that a copy of the database alone opens no token.
 */
async function localSecret(storage) {
  const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const file = join(dirname(storage.file), 'connections-secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const example = await startExample({ port: Number(process.env.PORT ?? 3000), log: true });
    console.log(
      `oauth1a connections example on ${example.appUrl} — providers: ${example.providers.join(', ')}`,
    );
    console.log(`Connections are stored in ${example.storage.where}`);
    console.log(`Open ${example.appUrl}, sign in with any username and connect an account. Ctrl-C stops it.`);
    const stop = async () => {
      await example.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`connections example: ${error.message}`);
    process.exit(1);
  }
}
