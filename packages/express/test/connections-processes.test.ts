// Two app instances as two processes on one PostgreSQL: this test's process runs instance A, a child
// process (tsx) runs instance B, each with its own pg.Pool. A connect started on A completes on B, and
// one callback replayed concurrently to both completes once, with one access-token request.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callback,
  databaseUrl,
  dropSchema,
  freshSchema,
  type Instance,
  startConnect,
  startInstance,
} from './support/instances.js';

const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const script = fileURLToPath(new URL('./support/instance-process.ts', import.meta.url));

describe.skipIf(databaseUrl === undefined)('two instances in two processes on one PostgreSQL', () => {
  let mock: MockProvider;
  let a: Instance;
  let b: Pick<Instance, 'name' | 'url'>;
  let child: ChildProcess;
  let schema: string;

  beforeAll(async () => {
    mock = await startMockProvider();
    schema = await freshSchema(databaseUrl!);
    a = await startInstance('A', mock, databaseUrl!, schema);
    await a.connections.list('migrate-first');
    child = spawn(tsx, [script], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        INSTANCE_NAME: 'B',
        INSTANCE_SCHEMA: schema,
        INSTANCE_PROVIDER: JSON.stringify(mock.provider),
        INSTANCE_CONSUMER: JSON.stringify(mock.consumer),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`instance B did not start: ${output}`)), 30_000);
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        const match = /listening (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`instance B exited (${code}): ${output}`)));
    });
    b = { name: 'B', url };
  }, 60_000);
  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await a?.close();
    await mock?.close();
    await dropSchema(databaseUrl!, schema);
  });

  it('connect on A (this process), callback on B (the child process): completes', async () => {
    const token = await startConnect(a, 'alice');
    const response = await callback(b as Instance, 'alice', mock.approve(token));
    expect(response.status).toBe(303);
    expect(await a.connections.list('alice')).toMatchObject([{ status: 'active', uid: '1001' }]);
  });

  it('one callback replayed concurrently to both processes completes once; one access-token request', async () => {
    const token = await startConnect(a, 'bob');
    const url = mock.approve(token, '1002');
    const before = mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    const answers = await Promise.all(
      [a, b, a, b, a, b].map((instance) => callback(instance as Instance, 'bob', url)),
    );
    expect(answers.map((response) => response.status).sort()).toEqual([303, 400, 400, 400, 400, 400]);
    expect(mock.log.filter((entry) => entry.endpoint === 'access_token').length - before).toBe(1);
    expect(await a.connections.list('bob')).toHaveLength(1);
  });
});
