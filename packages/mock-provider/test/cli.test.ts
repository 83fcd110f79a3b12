import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readParams, signedFetch } from './helpers.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Spawns the CLI and resolves with its stdout once `until` matches it. */
function startCli(args: string[], until: RegExp): Promise<{ child: ChildProcess; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no output matching ${until}: ${out}`)), 10_000);
    proc.stdout!.on('data', (chunk) => {
      out += chunk;
      if (until.test(out)) {
        clearTimeout(timer);
        resolve({ child: proc, out });
      }
    });
    proc.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited early: ${out}`));
    });
  });
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });
}

function field(out: string, label: string): string {
  const match = new RegExp(`^\\s+${label}\\s+(?:(?:GET|POST|ANY) )?(\\S+)$`, 'm').exec(out);
  if (match === null) throw new Error(`no ${label} in ${out}`);
  return match[1]!;
}

describe('oauth1a-mock-provider CLI', () => {
  it('prints its consumer and endpoints, answers request_token, stops on SIGTERM', async () => {
    const { child: proc, out } = await startCli(['--port', '0', '--consumer-key', 'cli-key'], /Ctrl\+C/);
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const key = field(out, 'consumer key');
    const secret = field(out, 'consumer secret');
    expect(key).toBe('cli-key');
    const response = await signedFetch({
      url: field(out, 'request token'),
      consumer: { key, secret },
      oauthParams: { oauth_callback: 'oob' },
    });
    expect(response.status).toBe(200);
    expect((await readParams(response)).oauth_callback_confirmed).toBe('true');
    proc.kill('SIGTERM');
    expect(await exited(proc)).toBe(0);
  });

  it('--json prints one JSON line with the provider config; options reach the provider', async () => {
    const { child: proc, out } = await startCli(
      [
        '--port',
        '0',
        '--json',
        '--json-tokens',
        '--realm',
        'R',
        '--oauth10',
        '--token-leg-method',
        'GET',
        '-q',
      ],
      /\n/,
    );
    const details = JSON.parse(out) as {
      consumer: { key: string; secret: string };
      provider: Record<string, unknown>;
    };
    expect(details.provider).toMatchObject({
      realm: 'R',
      tokenResponse: 'json',
      callbackConfirmed: false,
      requestTokenMethod: 'GET',
    });
    const response = await signedFetch({
      method: 'GET',
      url: details.provider.requestTokenUrl as string,
      consumer: details.consumer,
      realm: 'R',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('json');
    proc.kill('SIGINT');
    expect(await exited(proc)).toBe(0);
  });

  it('--two-legged: /api/echo accepts a request signed with the consumer only', async () => {
    const args = ['--port', '0', '--consumer-key', 'ck', '--consumer-secret', 'cs-two-legged', '-q'];
    const { child: plain, out: plainOut } = await startCli(args, /Ctrl\+C/);
    const echo = (out: string) => field(out, 'echo');
    const consumer = { key: 'ck', secret: 'cs-two-legged' };
    expect((await signedFetch({ method: 'GET', url: echo(plainOut), consumer })).status).toBe(400);
    plain.kill('SIGTERM');
    await exited(plain);
    const { child: proc, out } = await startCli([...args, '--two-legged'], /Ctrl\+C/);
    const response = await signedFetch({ method: 'GET', url: echo(out), consumer });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { userId: unknown }).userId).toBeNull();
    proc.kill('SIGTERM');
    expect(await exited(proc)).toBe(0);
  });

  it('--help prints the usage; a bad flag exits 2', async () => {
    const help = spawn(process.execPath, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    help.stdout.on('data', (chunk) => {
      out += chunk;
    });
    expect(await exited(help)).toBe(0);
    expect(out).toContain('Usage: oauth1a-mock-provider');
    const bad = spawn(process.execPath, [cli, '--token-leg-method', 'PUT'], { stdio: 'ignore' });
    expect(await exited(bad)).toBe(2);
  });
});
