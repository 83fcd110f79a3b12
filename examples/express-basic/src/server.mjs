import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.mjs';
import { connectProvider, sessionPassword } from './provider.mjs';

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
  const server = createServer(app);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const appUrl = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    appUrl,
    provider: connection.provider,
    apiUrl: connection.apiUrl,
    providerLog: connection.providerLog,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const example = await startExample({ port: Number(process.env.PORT ?? 3000) });
  console.log(`oauth1a Express example on ${example.appUrl} — provider: ${example.provider.name}`);
  console.log(`Open ${example.appUrl} and click "Sign in". Ctrl-C stops it.`);
  const stop = async () => {
    await example.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
