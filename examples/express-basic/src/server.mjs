import { pathToFileURL } from 'node:url';
import { connectProvider, listen, runUntilStopped, sessionPassword } from '@oauth1a/example-kit';
import { createApp } from './app.mjs';

/**
 * Starts the provider (the mock one unless OAUTH1A_PROVIDER says otherwise) and the app on loopback.
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export async function startExample({ port = 0, host = '127.0.0.1', env = process.env } = {}) {
  const connection = await connectProvider(env);
  const app = createApp({
    provider: connection.provider,
    consumer: connection.consumer,
    apiUrl: connection.apiUrl,
    sessionPassword: sessionPassword(env),
  });
  const server = await listen(app, { port, host });
  return {
    appUrl: server.url,
    provider: connection.provider,
    apiUrl: connection.apiUrl,
    providerLog: connection.providerLog,
    async close() {
      await server.close();
      await connection.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runUntilStopped(await startExample({ port: Number(process.env.PORT ?? 3000) }), 'Express');
}
