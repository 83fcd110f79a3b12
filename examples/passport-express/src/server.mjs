import { pathToFileURL } from 'node:url';
import { runUntilStopped, serveExample } from '@oauth1a/example-kit';
import { createApp } from './app.mjs';

/**
 * Starts the provider (the mock one unless OAUTH1A_PROVIDER says otherwise) and the app on loopback.
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export function startExample(options) {
  // Deployed behind a public name, set APP_ORIGIN (https://app.example.com) so the callback URL is yours.
  const origin = (options?.env ?? process.env).APP_ORIGIN;
  return serveExample((settings) => createApp({ ...settings, ...(origin ? { origin } : {}) }), options);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runUntilStopped(await startExample({ port: Number(process.env.PORT ?? 3000) }), 'Passport + Express');
}
