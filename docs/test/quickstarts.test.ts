// "Done when" of issue 12: the packages as a user gets them. `npm pack` the five packages whose READMEs
// have quick starts, install the tarballs into two new `npm init -y` projects (one CommonJS, as npm
// writes it, one with "type": "module") with the install lines the READMEs give, and run every README
// block marked `<!-- quickstart: name -->` there, verbatim: ES module blocks as .js (module project) and
// .mjs (CommonJS project, as the READMEs say), CommonJS blocks as .cjs and .js, shell blocks with sh.
// Only fixed ports are substituted (3000, 4000) so that the test never collides with a running server.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper of the demo (a cookie-keeping client), without declarations
import { Browser, htmlValue } from '../../scripts/lib/browser.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'express', 'koa', 'mock-provider', 'cli'] as const;
/** Every quick start the READMEs mark; a marker that disappears fails the test instead of skipping it. */
const EXPECTED = [
  'core-signing',
  'core-signing-commonjs',
  'core-three-legs',
  'core-signed-fetch',
  'express',
  'express-commonjs',
  'koa',
  'koa-commonjs',
  'mock-provider',
  'mock-provider-commonjs',
  'mock-provider-cli',
  'cli',
  'cli-mock',
];

interface QuickStart {
  name: string;
  lang: 'ts' | 'js' | 'sh';
  code: string;
}

const readmes = PACKAGES.map((name) =>
  readFileSync(path.join(repoRoot, 'packages', name, 'README.md'), 'utf8'),
);

const quickStarts: QuickStart[] = readmes.flatMap((text) =>
  [...text.matchAll(/<!-- quickstart: ([\w-]+) -->\n```(ts|js|sh)\n([\s\S]*?)```/g)].map((match) => ({
    name: match[1] as string,
    lang: match[2] as QuickStart['lang'],
    code: match[3] as string,
  })),
);
const byName = (name: string) => quickStarts.find((quickStart) => quickStart.name === name) as QuickStart;

/** The packages of every `npm install` line of the READMEs (global installs aside), deduplicated. */
function installedPackages(): string[] {
  const names = new Set<string>();
  for (const text of readmes) {
    for (const [line] of text.matchAll(/npm install[^\n`#]*/g)) {
      const words = line.trim().split(/\s+/).slice(2);
      if (words.some((word) => word === '-g' || word === '--global')) continue;
      for (const word of words) if (!word.startsWith('-')) names.add(word);
    }
  }
  return [...names];
}

/**
 * npm's own environment variables would make a child npm act on the repository's workspace; Vitest's
 * (Vite's BASE_URL='/', MODE, DEV, PROD, SSR) would reach the quick starts, whose `baseUrl:
 * process.env.BASE_URL` then reads '/' and is refused as not absolute.
 */
const VITE_ENV = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && !key.startsWith('VITEST') && !VITE_ENV.has(key))
      env[key] = value;
  }
  return { ...env, ...extra };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => stop(child), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Stops a child and whatever it started (npx runs the bin in a child of its own). */
function stop(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a long-running quick start and waits until `ready` answers. */
async function serve(command: string, args: string[], cwd: string, ready: () => Promise<boolean>) {
  const child = spawn(command, args, {
    cwd,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}: ${output}`);
    if (await ready().catch(() => false)) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${args.join(' ')} never became ready: ${output}`);
}

const children = new Set<ChildProcess>();
let workDir: string;
const projects: Record<'commonjs' | 'module', string> = { commonjs: '', module: '' };
let mock: MockProvider;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'oauth1a-quickstarts-'));
  const tarballs = path.join(workDir, 'tarballs');
  mkdirSync(tarballs);
  const workspaces = PACKAGES.flatMap((name) => ['--workspace', `@oauth1a/${name}`]);
  const packed = await run(
    'npm',
    ['pack', ...workspaces, '--pack-destination', tarballs, '--json', '--ignore-scripts'],
    repoRoot,
  );
  expect(packed.code, packed.stderr).toBe(0);
  const files = new Map(
    (JSON.parse(packed.stdout) as { name: string; filename: string }[]).map((entry) => [
      entry.name,
      path.join(tarballs, entry.filename),
    ]),
  );
  // The README's install lines, with our packages pointing at their tarballs.
  const specs = installedPackages().map((name) => files.get(name) ?? name);
  await Promise.all(
    (['commonjs', 'module'] as const).map(async (system) => {
      const dir = path.join(workDir, system);
      mkdirSync(dir);
      projects[system] = dir;
      const init = await run('npm', ['init', '-y'], dir);
      expect(init.code, init.stderr).toBe(0);
      if (system === 'module') await run('npm', ['pkg', 'set', 'type=module'], dir);
      const installed = await run('npm', ['install', '--no-audit', '--no-fund', ...specs], dir, 180_000);
      expect(installed.code, installed.stderr).toBe(0);
    }),
  );
  mock = await startMockProvider({ twoLegged: true, consumers: [{ key: 'ck', secret: 'mock-secret' }] });
}, 240_000);

afterAll(async () => {
  for (const child of children) stop(child);
  await mock?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('README quick starts', () => {
  it('are all marked, and the install lines name every package they import', () => {
    expect(quickStarts.map((quickStart) => quickStart.name).sort()).toEqual([...EXPECTED].sort());
    const installs = installedPackages();
    for (const name of PACKAGES) expect(installs).toContain(`@oauth1a/${name}`);
    expect(installs).toEqual(expect.arrayContaining(['express', 'koa']));
  });

  it('a project made by npm init -y is CommonJS, the other is an ES module project', () => {
    const type = (dir: string) =>
      (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: string }).type;
    expect(type(projects.commonjs) ?? 'commonjs').toBe('commonjs');
    expect(type(projects.module)).toBe('module');
  });

  // Scripts that run and exit, with what their comments promise.
  const scripts: [string, RegExp][] = [
    ['core-signing', /Ls93hJiZbQ3akF3HF3x1Bz8\/zU4=/],
    ['core-signing-commonjs', /OAuth oauth_consumer_key="consumer-key"/],
    ['core-three-legs', /id: '1001', name: 'ada'/],
    ['core-signed-fetch', /\[ 'q', 'café' \]/],
    ['mock-provider', /endpoint: 'request_token'/],
    ['mock-provider-commonjs', /^\S{6,}$/m],
  ];
  for (const system of ['commonjs', 'module'] as const) {
    it.each(scripts)(`%s runs in the ${system} project`, async (name, says) => {
      const quickStart = byName(name);
      const esm = quickStart.lang === 'ts';
      // In the CommonJS project an ES module is a .mjs file, as the READMEs say; in the module project
      // a CommonJS file is .cjs.
      const extension = system === 'commonjs' ? (esm ? 'mjs' : 'js') : esm ? 'js' : 'cjs';
      const file = path.join(projects[system], `${name}.${extension}`);
      writeFileSync(file, quickStart.code);
      const result = await run(process.execPath, [file], projects[system], 30_000);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(says);
    });

    it.each(['express', 'express-commonjs', 'koa', 'koa-commonjs'])(
      `%s signs in through the mock provider in the ${system} project`,
      async (name) => {
        const quickStart = byName(name);
        const esm = quickStart.lang === 'ts';
        const extension = system === 'commonjs' ? (esm ? 'mjs' : 'js') : esm ? 'js' : 'cjs';
        const port = await freePort();
        const code = quickStart.code.replace('listen(3000,', `listen(${port},`);
        expect(code).not.toBe(quickStart.code);
        const file = path.join(projects[system], `${name}.${extension}`);
        writeFileSync(file, code);
        const app = `http://127.0.0.1:${port}`;
        const { child } = await serve(process.execPath, [file], projects[system], async () => {
          return (await fetch(`${app}/`, { signal: AbortSignal.timeout(2_000) })).ok;
        });
        try {
          const browser = new Browser();
          const home = await browser.request(`${app}/`);
          expect(home.text).toContain('Sign in');
          const login = await browser.request(`${app}/auth/mock/login`);
          expect(login.status, login.text).toBe(302);
          const consent = await browser.request(login.location);
          const token = htmlValue(consent.text, /name="oauth_token" value="([^"]*)"/);
          const action = htmlValue(consent.text, /<form method="post" action="([^"]*)"/);
          const approval = await browser.request(
            new URL(action.replaceAll('&amp;', '&'), login.location).href,
            {
              method: 'POST',
              form: { oauth_token: token, action: 'approve' },
            },
          );
          expect(approval.status).toBe(302);
          const callback = await browser.request(approval.location);
          expect(callback.status, callback.text).toBe(302);
          const signedIn = await browser.request(callback.location);
          expect(signedIn.status).toBe(200);
          const body = JSON.parse(signedIn.text) as { profile: { id: string }; echo: { query: unknown } };
          expect(body.profile.id).toBe('1001');
          expect(body.echo.query).toEqual([['hello', 'world']]);
        } finally {
          stop(child);
        }
      },
    );
  }

  it('mock-provider-cli: npx @oauth1a/mock-provider listens and answers as a provider', async () => {
    const port = await freePort();
    const command = byName('mock-provider-cli').code.split('\n')[0] as string;
    expect(command).toBe('npx @oauth1a/mock-provider --port 4000');
    const { child, output } = await serve(
      'sh',
      ['-c', command.replace('4000', String(port))],
      projects.commonjs,
      async () =>
        (await fetch(`http://127.0.0.1:${port}/oauth/request_token`, { method: 'POST' })).status === 400,
    );
    stop(child);
    expect(output()).toContain(`oauth1a mock provider listening on http://127.0.0.1:${port}`);
  });

  it('cli: npx @oauth1a/cli --help, and the installed bins by their names', async () => {
    const command = byName('cli').code.trim();
    expect(command).toBe('npx @oauth1a/cli --help');
    for (const line of [command, 'npx oauth1a --help', 'npx oauth1a-mock-provider --help']) {
      const result = await run('sh', ['-c', line], projects.commonjs);
      expect(result.code, `${line}: ${result.stderr}`).toBe(0);
      expect(result.stdout, line).toMatch(/^Usage: oauth1a/);
    }
  });

  it('cli-mock: signs a two-legged request that the mock provider started by the test verifies', async () => {
    const lines = byName('cli-mock').code.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [header, viaCurl] = await Promise.all(
      lines.map((line) =>
        run('sh', ['-c', line.replaceAll('http://127.0.0.1:4000', mock.url)], projects.commonjs),
      ),
    );
    expect(header?.code, header?.stderr).toBe(0);
    expect(header?.stdout).toMatch(/^Authorization: OAuth oauth_consumer_key="ck"/);
    expect(viaCurl?.code, viaCurl?.stderr).toBe(0);
    const echo = JSON.parse(viaCurl?.stdout ?? '') as {
      consumerKey: string;
      transport: string;
      userId: unknown;
    };
    expect(echo).toMatchObject({ consumerKey: 'ck', transport: 'query', userId: null });
  });
});
