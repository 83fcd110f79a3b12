#!/usr/bin/env node
import { parseCli, USAGE } from './cli-args.js';
import type { LogEntry } from './http.js';
import { startMockProvider } from './mock-provider.js';

function requestLine(entry: LogEntry): string {
  const problem = entry.problem === undefined ? '' : ` ${entry.problem}`;
  const fault = entry.fault === undefined ? '' : ` [fault: ${entry.fault}]`;
  return `${new Date().toISOString()} ${entry.method} ${entry.path} -> ${entry.status}${problem}${fault}\n`;
}

async function main(argv: readonly string[]): Promise<void> {
  let config: ReturnType<typeof parseCli>;
  try {
    config = parseCli(argv);
  } catch (error) {
    process.stderr.write(`oauth1a-mock-provider: ${(error as Error).message}\nTry --help.\n`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!config.quiet) config.options.onRequest = (entry) => process.stderr.write(requestLine(entry));
  const mock = await startMockProvider(config.options);
  const { provider, consumer, endpoints } = mock;
  const legMethod = provider.requestTokenMethod ?? 'POST';
  if (config.json) {
    process.stdout.write(
      `${JSON.stringify({ url: mock.url, consumer, endpoints, provider, users: mock.users })}\n`,
    );
  } else {
    const lines = [
      `oauth1a mock provider listening on ${mock.url}`,
      `  consumer key     ${consumer.key}`,
      ...(consumer.secret === undefined ? [] : [`  consumer secret  ${consumer.secret}`]),
      `  request token    ${legMethod} ${provider.requestTokenUrl}`,
      `  authorize        GET ${provider.authorizeUrl}`,
      `  access token     ${legMethod} ${provider.accessTokenUrl}`,
      `  whoami           GET ${endpoints.whoami}`,
      `  echo             ANY ${endpoints.echo}`,
      `  users            ${mock.users.map((user) => `${user.screenName} (${user.id})`).join(', ')}`,
      ...(provider.realm === undefined ? [] : [`  realm            ${provider.realm}`]),
      'Press Ctrl+C to stop.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void mock.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`oauth1a-mock-provider: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
