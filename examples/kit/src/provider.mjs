import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { startMockProvider } from '@oauth1a/mock-provider';

/**
 * Which provider the example talks to: the embedded mock provider by default (nothing to sign up for),
 * or a real one named by OAUTH1A_PROVIDER with its key and secret in the environment (see .env.example).
 * `mock: { id, name }` renames the mock provider, so that several can run side by side; `mockOptions` are
 * `startMockProvider`'s (a realm, more consumers, ...), and `mock` in the answer is the running mock (tests
 * revoke its tokens, an example's mock console issues some).
 *
 * @returns {Promise<{ provider: import('@oauth1a/core').ProviderConfig, consumer: import('@oauth1a/core').ConsumerCredentials,
 *   apiUrl: string, providerLog?: readonly { method: string, path: string, endpoint: string, status: number }[],
 *   mock?: import('@oauth1a/mock-provider').MockProvider, close: () => Promise<void> }>}
 */
export async function connectProvider(env = process.env, { mock: names, mockOptions } = {}) {
  const preset = env.OAUTH1A_PROVIDER;
  if (!preset || preset === 'mock') {
    const mock = await startMockProvider(mockOptions);
    return {
      provider: { ...mock.provider, ...names },
      consumer: mock.consumer,
      apiUrl: `${mock.url}/api/echo?greeting=hello%20world&tag=a&tag=b`,
      providerLog: mock.log,
      mock,
      close: () => mock.close(),
    };
  }
  const { providerFromEnv } = await import('@oauth1a/core/providers');
  const { provider, consumer } = providerFromEnv(env);
  if (!provider.profile)
    throw new Error(`the ${preset} preset has no "who am I" URL to call; set OAUTH1A_API_URL`);
  return { provider, consumer, apiUrl: env.OAUTH1A_API_URL ?? provider.profile.url, close: async () => {} };
}

/** The session password: from the environment, or a random one (sessions then end with the process). */
export function sessionPassword(env = process.env) {
  return env.OAUTH1A_SESSION_PASSWORD ?? randomBytes(32).toString('base64url');
}

/**
 * A busy port, said as what to do: the examples take their port from PORT. Its stack is only the message,
 * because a stack through net internals tells a newcomer nothing (`npm start` prints the message alone).
 */
function portInUse(host, port) {
  const error = new Error(
    `port ${port} on ${host} is already in use (another server, or an example still running): stop it, or pick another port with PORT, e.g. PORT=${port + 1} npm start`,
  );
  error.code = 'EADDRINUSE';
  error.stack = `Error: ${error.message}`;
  return error;
}

/**
 * Serves a Node request handler (an Express app, `koaApp.callback()`) on loopback, on a free port by default.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function listen(handler, { port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', (error) => reject(error.code === 'EADDRINUSE' ? portInUse(host, port) : error));
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    url: `http://${host}:${typeof address === 'object' && address ? address.port : port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The app's public origin from OAUTH1A_BASE_URL (e.g. https://your.app), for the callback URL; unset, the
 * examples answer on loopback only, where the request's own origin is trusted.
 */
export function baseUrl(env = process.env) {
  return env.OAUTH1A_BASE_URL || undefined;
}

/**
 * Connects the provider, builds the app with `createHandler({ provider, consumer, apiUrl, sessionPassword, baseUrl })`
 * (a Node request handler: an Express app, `koaApp.callback()`) and serves it on loopback.
 *
 * @param {(settings: { provider: import('@oauth1a/core').ProviderConfig, consumer: import('@oauth1a/core').ConsumerCredentials,
 *   apiUrl: string, sessionPassword: string, baseUrl?: string }) => import('node:http').RequestListener} createHandler
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export async function serveExample(createHandler, { port = 0, host = '127.0.0.1', env = process.env } = {}) {
  const connection = await connectProvider(env);
  const { provider, consumer, apiUrl } = connection;
  const handler = createHandler({
    provider,
    consumer,
    apiUrl,
    sessionPassword: sessionPassword(env),
    baseUrl: baseUrl(env),
  });
  const server = await listen(handler, { port, host });
  return {
    appUrl: server.url,
    provider,
    apiUrl,
    providerLog: connection.providerLog,
    async close() {
      await server.close();
      await connection.close();
    },
  };
}

/**
 * Prints where an example runs and keeps it up until Ctrl-C or SIGTERM, then closes it. The example names
 * its `provider`, or its `providers`; `button` is what to click first.
 */
export function runUntilStopped(example, framework, button = 'Sign in') {
  const names = (example.providers ?? [example.provider]).map((provider) => provider.name).join(', ');
  console.log(`oauth1a ${framework} example on ${example.appUrl} — provider: ${names}`);
  console.log(`Open ${example.appUrl} and click "${button}". Ctrl-C stops it.`);
  const stop = async () => {
    await example.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
