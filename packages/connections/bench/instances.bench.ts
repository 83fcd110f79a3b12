// Complete connects per second through two app instances on one PostgreSQL, over HTTP, the way a
// load-balanced app runs them: POST {basePath}/mock/connect on one instance, the user approves at the
// mock provider, the callback lands on the other instance. Beside it, the same through one instance,
// so the ratio shows what the second process and the shared database cost or give.
//
//   npx tsx bench/instances.bench.ts   (in packages/connections; part of npm run bench)
//   uses DATABASE_URL, or starts a throwaway cluster with scripts/with-postgres.sh when PostgreSQL is
//   installed; writes bench/results/instances-<date>.json
//
// Each instance is a node:http server over createConnectionsHandler with its own pg.Pool (its `error`
// event handled); both run in this process, so on a small machine the numbers are a floor.

import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { toWebRequest, withNodeBody, writeWebResponse } from '@oauth1a/core/node';
import { startMockProvider } from '@oauth1a/mock-provider';
import pg from 'pg';
import { writeResults } from '../../core/bench/results.js';
import { createConnections, createConnectionsHandler } from '../src/index.js';
import { postgresStore } from '../src/stores/postgres.js';

const CONNECT_MS = Number(process.env.BENCH_CONNECT_MS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const APP_ORIGIN = 'http://127.0.0.1:3000';
const script = fileURLToPath(new URL('../../../scripts/with-postgres.sh', import.meta.url));

let databaseUrl = process.env.DATABASE_URL || undefined;
let clusterDir: string | undefined;
if (databaseUrl === undefined) {
  try {
    const exports = execFileSync(script, ['start'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    databaseUrl = /DATABASE_URL='([^']+)'/.exec(exports)?.[1];
    clusterDir = /OAUTH1A_PG_DIR='([^']+)'/.exec(exports)?.[1];
  } catch {
    console.log(
      'instances bench skipped: no DATABASE_URL and PostgreSQL is not installed (apt-get install postgresql)',
    );
    process.exit(0);
  }
}

const mock = await startMockProvider({ maxLogEntries: 100 });
const schema = `oauth1a_bench_instances_${process.pid}`;
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);

interface Instance {
  url: string;
  server: Server;
  pool: pg.Pool;
}

async function startInstance(): Promise<Instance> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: CONCURRENCY,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5000,
  });
  pool.on('error', () => {}); // an idle client dropped by the server: the pool replaces it
  const connections = createConnections({
    store: postgresStore(pool),
    secret: 'a-benchmark-secret-of-at-least-32-characters',
    callbackUrl: `${APP_ORIGIN}/connections/callback`,
    providers: { mock: { provider: mock.provider, consumer: mock.consumer } },
  });
  const handler = createConnectionsHandler({
    connections,
    owner: (request) => request.headers.get('x-user') ?? undefined,
  });
  const server = createServer((req, res) => {
    const request = withNodeBody(toWebRequest(req), req);
    handler
      .handle(request)
      .then((response) => writeWebResponse(res, response ?? new Response(null, { status: 404 })))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, pool };
}

async function connectOnce(start: Instance, finish: Instance, owner: string, userId: string): Promise<void> {
  const begun = await fetch(`${start.url}/connections/mock/connect`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: APP_ORIGIN, 'x-user': owner },
  });
  await begun.arrayBuffer();
  if (begun.status !== 303) throw new Error(`connect answered ${begun.status}`);
  const token = new URL(begun.headers.get('location')!).searchParams.get('oauth_token')!;
  const back = new URL(mock.approve(token, userId));
  const done = await fetch(`${finish.url}${back.pathname}${back.search}`, {
    redirect: 'manual',
    headers: { 'x-user': owner },
  });
  await done.arrayBuffer();
  if (done.status !== 303) throw new Error(`callback answered ${done.status}`);
}

async function run(instances: Instance[]): Promise<number> {
  const end = performance.now() + CONNECT_MS;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const start = instances[(worker + i) % instances.length]!;
        const finish = instances[(worker + i + 1) % instances.length]!;
        await connectOnce(start, finish, `owner-${worker}-${i % 50}`, i % 2 === 0 ? '1001' : '1002');
        done++;
      }
    }),
  );
  return (done * 1000) / (performance.now() - started);
}

const a = await startInstance();
const b = await startInstance();
await run([a, b]); // warm-up: migrations, JIT, pooled connections
const connectsPerSecond = {
  'one instance': await run([a]),
  'two instances (callback on the other)': await run([a, b]),
};

for (const instance of [a, b]) {
  instance.server.closeAllConnections();
  await new Promise<void>((resolve) => instance.server.close(() => resolve()));
  await instance.pool.end();
}
await admin.query(`DROP SCHEMA ${schema} CASCADE`);
await admin.end();
await mock.close();
if (clusterDir !== undefined) execFileSync(script, ['stop', clusterDir]);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `\ncomplete connects per second over HTTP on PostgreSQL (connect → approve → callback; ${CONCURRENCY} in flight, ${CONNECT_MS} ms)`,
);
for (const [name, value] of Object.entries(connectsPerSecond))
  console.log(`${name.padEnd(42)}${fmt(value).padStart(10)}`);
const ratio = connectsPerSecond['two instances (callback on the other)'] / connectsPerSecond['one instance'];
console.log(`${'ratio two / one'.padEnd(42)}${ratio.toFixed(2).padStart(10)}`);
const file = writeResults(
  'instances',
  { concurrency: CONCURRENCY, connectMs: CONNECT_MS, connectsPerSecond, ratio, loadAverage: loadavg() },
  fileURLToPath(new URL('./results/', import.meta.url)),
);
console.log(`\nwritten to ${file}`);
