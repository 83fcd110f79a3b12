import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(CLI))
  throw new Error('packages/cli/dist/cli.js is missing: run "npx tsup" in packages/cli first');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `node dist/cli.js` with its output collected as it comes. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;

  constructor(args: readonly string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: env.XDG_CONFIG_HOME ?? tmpdir(), ...env },
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr }));
    });
  }

  /** Resolves with the first match of `pattern` in stdout; rejects when the process ends first. */
  async waitForStdout(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exited.then(() => {
      ended = true;
    });
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match !== null) return match;
      if (ended || Date.now() > deadline) {
        throw new Error(`no ${pattern} in stdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Runs the CLI to completion, with `input` on stdin. */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  input = '',
): Promise<CliResult> {
  const cli = new CliProcess(args, env);
  cli.child.stdin.end(input);
  return cli.exited;
}

/** A temporary XDG_CONFIG_HOME, removed by the returned cleanup. */
export function tempHome(): { env: Record<string, string>; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'oauth1a-cli-'));
  return { dir, env: { XDG_CONFIG_HOME: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A mock provider for the whole test file, and a fresh config home (XDG_CONFIG_HOME) for each test. */
export function mockAndFreshHome(): {
  readonly mock: MockProvider;
  readonly home: ReturnType<typeof tempHome>;
} {
  const state = {} as { mock: MockProvider; home: ReturnType<typeof tempHome> };
  beforeAll(async () => {
    state.mock = await startMockProvider();
  });
  afterAll(() => state.mock.close());
  beforeEach(() => {
    state.home = tempHome();
  });
  afterEach(() => state.home.cleanup());
  return state;
}

/** The mock's ProviderConfig as a JSON file, for --provider. */
export function providerFile(dir: string, mock: MockProvider): string {
  const path = join(dir, 'mock-provider.json');
  writeFileSync(path, JSON.stringify(mock.provider));
  return path;
}

export const AUTHORIZE_URL = /^ {2}(http:\/\/\S+)$/m;

/** The request token in a printed authorize URL. */
export function requestTokenOf(authorizeUrl: string): string {
  const token = new URL(authorizeUrl).searchParams.get('oauth_token');
  if (token === null) throw new Error(`no oauth_token in ${authorizeUrl}`);
  return token;
}

/** Clicks Approve the way a browser would: GET the consent page, POST its form, follow to the callback (or the PIN page). */
export async function approveInBrowser(authorizeUrl: string, userId = '1001'): Promise<Response> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const token = /name="oauth_token" value="([^"]+)"/.exec(html)?.[1];
  if (action === undefined || token === undefined) throw new Error(`no consent form in:\n${html}`);
  const decision = await fetch(new URL(action.replace(/&amp;/g, '&'), authorizeUrl), {
    method: 'POST',
    body: new URLSearchParams({ oauth_token: token, user_id: userId, action: 'approve' }),
    redirect: 'manual',
  });
  const location = decision.headers.get('location');
  // oob: no redirect, the answer is the PIN page itself.
  return location === null ? decision : fetch(location);
}

/** Runs `authorize` with the loopback callback against `mock` and approves it; resolves with the result. */
export async function authorize(
  mock: MockProvider,
  home: { env: Record<string, string>; dir: string },
  extra: readonly string[] = [],
): Promise<CliResult> {
  const cli = new CliProcess(
    [
      'authorize',
      '--provider',
      providerFile(home.dir, mock),
      '--consumer-key',
      mock.consumer.key,
      '--consumer-secret',
      mock.consumer.secret!,
      '--no-open',
      ...extra,
    ],
    home.env,
  );
  const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
  const callback = await fetch(mock.approve(requestTokenOf(url!)));
  await callback.text();
  return cli.exited;
}
