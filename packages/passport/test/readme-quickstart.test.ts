// Issue 12 item 6: the README's Express quick start, copied into a new app with the README's install
// line (here: the packed tarball) and run as it stands, types stripped as a TypeScript user's build
// would, with only its example URLs aimed at the mock provider and a free port. Sign in, see it, log out.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DropInProject, installDropInProject } from './drop-in-project.js';
import { browserLogin } from './helpers.js';

let project: DropInProject;
let mock: MockProvider;

beforeAll(async () => {
  project = installDropInProject();
  mock = await startMockProvider();
}, 300_000);

afterAll(async () => {
  await mock?.close();
  project?.remove();
});

function quickStart(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /## Quick start \(Express\)[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no "Quick start (Express)" TypeScript block');
  return ts.transpileModule(block, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  }).outputText;
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

describe('the README quick start, run from the packed tarball', () => {
  it('refuses to start without SESSION_SECRET, naming it (no empty secret)', async () => {
    const file = path.join(project.dir, 'quickstart-no-env.mjs');
    writeFileSync(file, quickStart());
    const child = spawn(process.execPath, [file], { cwd: project.dir, env: { PATH: process.env.PATH } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/Set (CONSUMER_KEY|CONSUMER_SECRET|SESSION_SECRET)/);
  });

  it('signs in through the mock provider, shows it, and logs out with its form', async () => {
    const port = await freePort();
    const code = quickStart()
      .replace('https://api.example.com/oauth/request_token', mock.endpoints.requestToken)
      .replace('https://api.example.com/oauth/access_token', mock.endpoints.accessToken)
      .replace('https://api.example.com/oauth/authorize', mock.endpoints.authorize)
      .replace('app.listen(3000,', `app.listen(${port},`);
    expect(code).toContain(mock.endpoints.authorize);
    expect(code).toContain(`listen(${port},`);
    const file = path.join(project.dir, 'quickstart.mjs');
    writeFileSync(file, code);
    const child = spawn(process.execPath, [file], {
      cwd: project.dir,
      env: {
        PATH: process.env.PATH,
        SESSION_SECRET: 'a-long-random-session-secret-for-this-test-only',
        CONSUMER_KEY: mock.consumer.key,
        CONSUMER_SECRET: mock.consumer.secret ?? '',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const app = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const up = await fetch(app, { signal: AbortSignal.timeout(1_000) }).then(
          (response) => response.ok,
          () => false,
        );
        if (up) break;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error('the quick start did not start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const agent = supertest.agent(app);
      expect((await agent.get('/')).text).toContain('Sign in');
      const { response } = await browserLogin(agent, mock, { path: '/auth/example' });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe('/');
      const home = await agent.get('/');
      expect(home.text).toContain('Signed in.');
      expect(home.text).toContain('action="/logout"');
      const logout = await agent.post('/logout');
      expect(logout.status).toBe(302);
      expect((await agent.get('/')).text).toContain('Sign in');
    } finally {
      child.kill();
    }
  }, 60_000);
});
