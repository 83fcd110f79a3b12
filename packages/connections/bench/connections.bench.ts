// Stored connections: signed calls per second through connections.fetch on each store, against
// createSignedFetch with the credentials in hand; and complete connects per second against the mock.
//
//   npx tsx bench/connections.bench.ts   (in packages/connections; part of npm run bench)
//   scripts/with-postgres.sh npm run bench -w @oauth1a/connections   adds the PostgreSQL rows
//   writes bench/results/connections-<date>.json
//
// Each connections.fetch row asks for the connection's fetch on every call (connections.fetch(owner, id),
// as an app's request handler would) and then calls it: the credential read is cached per process, so
// the cost is the owner check, the origin check and the 401 watch. The "no cache" row reads the row and
// unseals it on every call, to show what the cache saves. Rounds are interleaved, order rotating, so
// drift hits every row alike. Target: connections.fetch on SQLite ≥ 0.8 of createSignedFetch.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSignedFetch } from '@oauth1a/core';
import { startMockProvider } from '@oauth1a/mock-provider';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadSlice, median, type Sample } from '../../core/bench/load-slice.js';
import { writeResults } from '../../core/bench/results.js';
import { type ConnectionStore, type Connections, createConnections, memoryStore } from '../src/index.js';
import { postgresStore } from '../src/stores/postgres.js';
import { sqliteStore } from '../src/stores/sqlite.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CONNECT_MS = Number(process.env.BENCH_CONNECT_MS ?? 2000);
const TARGET = 0.8;
const SECRET = 'a-benchmark-secret-of-at-least-32-characters';

// The API the calls go to: a plain loopback server, so the numbers are the client's, not a verifier's.
const api = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' });
  res.end('{"ok":true}');
});
await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
const apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
const url = `${apiBase}/1/members/me/boards?fields=name&filter=open&limit=20`;

const mock = await startMockProvider({ maxLogEntries: 100 });
const provider = { ...mock.provider, apiBaseUrl: [`${mock.url}/api/`, apiBase] };

// The stores, each with its cleanup.
const dir = mkdtempSync(join(tmpdir(), 'oauth1a-connections-bench-'));
const sqlite = new Database(join(dir, 'connections.db'));
sqlite.pragma('journal_mode = WAL');
const stores: { name: string; store: ConnectionStore }[] = [
  { name: 'memory', store: memoryStore() },
  { name: 'sqlite', store: sqliteStore(sqlite) },
];
let pool: pg.Pool | undefined;
const schema = `oauth1a_bench_${process.pid}`;
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: CONCURRENCY,
    options: `-c search_path=${schema}`,
  });
  stores.push({ name: 'postgres', store: postgresStore(pool) });
} else {
  console.log('(no DATABASE_URL: the PostgreSQL rows are left out; run under scripts/with-postgres.sh)');
}

function connectionsOn(store: ConnectionStore, cacheTtlMs?: number): Connections {
  return createConnections({
    store,
    secret: SECRET,
    callbackUrl: 'http://127.0.0.1:3000/connections/callback',
    providers: { mock: { provider, consumer: mock.consumer } },
    ...(cacheTtlMs === undefined ? {} : { cacheTtlMs }),
  });
}

async function connectOnce(connections: Connections, owner: string, userId?: string): Promise<string> {
  const { authorizeUrl } = await connections.connect({ owner, provider: 'mock' });
  const token = new URL(authorizeUrl).searchParams.get('oauth_token')!;
  const query = new URL(mock.approve(token, userId)).searchParams;
  return (await connections.complete({ owner, query })).connection.id;
}

// One connection per store, called through connections.fetch.
type Client = () => Promise<Response>;
const clients: Record<string, Client> = {
  'createSignedFetch (credentials in hand)': (() => {
    const signed = createSignedFetch({
      consumer: mock.consumer,
      token: { token: 'at_bench', secret: 'bench-secret' },
    });
    return () => signed(url);
  })(),
};
for (const { name, store } of stores) {
  const connections = connectionsOn(store);
  const id = await connectOnce(connections, 'bench-owner');
  clients[`connections.fetch on ${name}`] = async () => (await connections.fetch('bench-owner', id))(url);
}
{
  const connections = connectionsOn(stores[1]!.store, 0);
  const id = (await connections.list('bench-owner'))[0]!.id;
  clients['connections.fetch on sqlite, no cache'] = async () =>
    (await connections.fetch('bench-owner', id))(url);
}
const names = Object.keys(clients);

const slice = (client: Client, ms: number) => loadSlice(client, ms, CONCURRENCY);

for (const name of names) await slice(clients[name]!, 300); // warm-up: JIT, sockets, caches
const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(k + round) % names.length]!;
    samples[name]!.push(await slice(clients[name]!, SLICE_MS));
  }
}
const requestsPerSecond = Object.fromEntries(
  names.map((n) => [n, median(samples[n]!.map((s) => s.requestsPerSecond))]),
);
const cpuMicrosPerRequest = Object.fromEntries(
  names.map((n) => [n, median(samples[n]!.map((s) => s.cpuMicrosPerRequest))]),
);
const baseline = requestsPerSecond[names[0]!]!;
const ratios = Object.fromEntries(names.slice(1).map((n) => [n, requestsPerSecond[n]! / baseline]));

// Connects per second: connect → approve at the mock → complete (leg 1, leg 3, "who am I", the upsert),
// four at a time, alternating two accounts per owner so that both insert and update paths run.
const connectsPerSecond: Record<string, number> = {};
for (const { name, store } of stores) {
  const connections = connectionsOn(store);
  const end = performance.now() + CONNECT_MS;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: 4 }, async (_, worker) => {
      while (performance.now() < end) {
        await connectOnce(connections, `owner-${worker}-${done % 50}`, done % 2 === 0 ? '1001' : '1002');
        done++;
      }
    }),
  );
  connectsPerSecond[name] = (done * 1000) / (performance.now() - started);
}

await mock.close();
await new Promise<void>((resolve) => {
  api.close(() => resolve());
  api.closeAllConnections();
});
sqlite.close();
rmSync(dir, { recursive: true, force: true });
if (pool !== undefined) {
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `\nsigned calls through stored connections, GET over loopback  (median of ${ROUNDS} interleaved ${SLICE_MS} ms slices, ${CONCURRENCY} in flight)`,
);
console.log(
  `${'client'.padEnd(42)}${'req/s'.padStart(10)}${'CPU µs/req'.padStart(12)}${'ratio'.padStart(8)}`,
);
for (const name of names) {
  const ratio = name === names[0] ? '1.00' : ratios[name]!.toFixed(2);
  console.log(
    `${name.padEnd(42)}${fmt(requestsPerSecond[name]!).padStart(10)}${fmt(cpuMicrosPerRequest[name]!).padStart(12)}${ratio.padStart(8)}`,
  );
}
const sqliteRatio = ratios['connections.fetch on sqlite']!;
console.log(
  `\nconnections.fetch on SQLite ÷ createSignedFetch: ${sqliteRatio.toFixed(2)} (target ≥ ${TARGET})`,
);
console.log(`\ncomplete connects per second against the mock provider (4 at a time, ${CONNECT_MS} ms each)`);
for (const [name, value] of Object.entries(connectsPerSecond))
  console.log(`${name.padEnd(42)}${fmt(value).padStart(10)}`);

const file = writeResults(
  'connections',
  {
    rounds: ROUNDS,
    sliceMs: SLICE_MS,
    concurrency: CONCURRENCY,
    request: 'GET http://127.0.0.1/1/members/me/boards?fields=name&filter=open&limit=20',
    requestsPerSecond,
    cpuMicrosPerRequest,
    ratio: ratios,
    target: TARGET,
    meetsTarget: sqliteRatio >= TARGET,
    connectsPerSecond,
    loadAverage: loadavg(),
  },
  fileURLToPath(new URL('./results/', import.meta.url)),
);
console.log(`\nwritten to ${file}`);
