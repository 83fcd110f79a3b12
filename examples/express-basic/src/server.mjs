import { pathToFileURL } from 'node:url';
import { runUntilStopped, serveExample } from '@oauth1a/example-kit';
import { createApp } from './app.mjs';

/**
 * Starts the provider (the mock one unless OAUTH1A_PROVIDER says otherwise) and the Express app on loopback.
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv }} [options]
 */
export function startExample(options) {
  return serveExample((settings) => createApp(settings), options);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runUntilStopped(await startExample({ port: Number(process.env.PORT ?? 3000) }), 'Express');
}
