import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseUrl, connectProvider, listen, runUntilStopped, sessionPassword } from '@oauth1a/example-kit';
import { createApp } from './app.mjs';
import { openConnectionStore } from './store.mjs';

/**
 * The providers to connect: two mock providers side by side by default, or the preset that
 * OAUTH1A_PROVIDER names (with OAUTH1A_CONSUMER_KEY / _SECRET, see .env.example).
 */
async function connectProviders(env) {
  if (env.OAUTH1A_PROVIDER && env.OAUTH1A_PROVIDER !== 'mock') return [await connectProvider(env)];
  return Promise.all([
    connectProvider(env, { mock: { id: 'tasks', name: 'Mock Tasks' } }),
    connectProvider(env, { mock: { id: 'photos', name: 'Mock Photos' } }),
  ]);
}

/**
 * Starts the providers, opens the store (OAUTH1A_CONNECTIONS_FILE, or a file in a new temporary folder
 * that close() removes) and serves the app on loopback.
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export async function startExample({ port = 0, host = '127.0.0.1', env = process.env } = {}) {
  const connections = await connectProviders(env);
  const folder = env.OAUTH1A_CONNECTIONS_FILE
    ? undefined
    : await mkdtemp(join(tmpdir(), 'oauth1a-connections-'));
  const password = sessionPassword(env);
  const store = openConnectionStore({
    file: env.OAUTH1A_CONNECTIONS_FILE ?? join(folder, 'connections.sqlite'),
    password,
  });
  const app = createApp({ providers: connections, store, sessionPassword: password, baseUrl: baseUrl(env) });
  const server = await listen(app, {
    port,
    host,
  });
  return {
    appUrl: server.url,
    providers: connections.map((connection) => connection.provider),
    store,
    async close() {
      await server.close();
      await Promise.all(connections.map((connection) => connection.close()));
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const example = await startExample({ port: Number(process.env.PORT ?? 3000) });
  console.log(`Connections are stored in ${example.store.file}`);
  runUntilStopped(example, 'Connections (Express)', `Connect ${example.providers[0].name}`);
}
