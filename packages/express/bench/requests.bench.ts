// The per-request cost of the session middleware on an ordinary route (GET /hello, which reads nothing of
// the session and calls nobody): bare Express as the yardstick (1.0), @oauth1a/express's oauth1() and
// passport-oauth1 + express-session, each without a cookie (a visitor) and with the cookie of a
// completed login (a logged-in user: oauth1a's sealed credentials, passport's session id). The apps run on
// this thread; the clients (node:http, keep-alive) and the mock provider in a worker thread
// (load.worker.ts). Rounds are interleaved, the order rotating. Two measures, side by side in one run:
// requests per second (capped by whichever thread saturates) and this thread's busy time per request
// (event-loop utilization: the app's own cost, steadier on a shared machine).
// Options: ROUNDS (default 4), ROUND_MS (default 1500), CONCURRENCY (default 8).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { bareApp, oauth1aApp, type ProviderSetup, passportApp } from './apps.js';
import type { RequestsRequest, RequestsResult } from './load.worker.js';

const ROUNDS = Number(process.env.ROUNDS ?? 4);
const ROUND_MS = Number(process.env.ROUND_MS ?? 1500);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);

const workerUrl = new URL('./load.worker.ts', import.meta.url).href;
const worker = new Worker(
  `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`,
  { eval: true },
);
const pending: ((message: unknown) => void)[] = [];
worker.on('message', (message) => pending.shift()?.(message));
worker.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
const next = <T>(): Promise<T> =>
  new Promise((resolve) => pending.push(resolve as (message: unknown) => void));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const setup = await next<ProviderSetup>();
const bare = createServer(bareApp());
const ours = createServer(oauth1aApp(setup));
const theirs = createServer();
const [bareUrl, oursUrl, theirsUrl] = await Promise.all([listen(bare), listen(ours), listen(theirs)]);
theirs.on('request', passportApp(setup, theirsUrl));

async function sessionCookie(appUrl: string): Promise<string> {
  const reply = next<{ cookie: string }>();
  worker.postMessage({ type: 'session', appUrl });
  return (await reply).cookie;
}
const oursCookie = await sessionCookie(oursUrl);
const theirsCookie = await sessionCookie(theirsUrl);
if (!/oauth1a_mock=/.test(oursCookie) || !/connect\.sid=/.test(theirsCookie)) {
  throw new Error(`a login left no session cookie: ${oursCookie} | ${theirsCookie}`);
}

const contenders = [
  { name: 'bare Express', url: bareUrl },
  { name: '@oauth1a/express, no cookie', url: oursUrl },
  { name: '@oauth1a/express, connection cookie', url: oursUrl, cookie: oursCookie },
  { name: 'passport + express-session, no cookie', url: theirsUrl },
  { name: 'passport + express-session, session cookie', url: theirsUrl, cookie: theirsCookie },
];

async function round(
  contender: (typeof contenders)[number],
  durationMs: number,
): Promise<RequestsResult & { appBusyMs: number }> {
  const reply = next<{ result: RequestsResult }>();
  const before = performance.eventLoopUtilization();
  worker.postMessage({
    type: 'requests',
    url: `${contender.url}/hello`,
    cookie: contender.cookie,
    durationMs,
    concurrency: CONCURRENCY,
  } satisfies RequestsRequest);
  const { result } = await reply;
  return { ...result, appBusyMs: performance.eventLoopUtilization(before).active };
}

const totals = contenders.map(() => ({ requests: 0, failures: 0, elapsedMs: 0, appBusyMs: 0 }));
for (const contender of contenders) await round(contender, 500); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < contenders.length; k++) {
    const index = (k + r) % contenders.length;
    const result = await round(contenders[index]!, ROUND_MS);
    const total = totals[index]!;
    total.requests += result.requests;
    total.failures += result.failures;
    total.elapsedMs += result.elapsedMs;
    total.appBusyMs += result.appBusyMs;
  }
}

const rows = contenders.map(({ name }, index) => {
  const total = totals[index]!;
  return {
    name,
    requestsPerSecond: (total.requests / total.elapsedMs) * 1000,
    appMicrosPerRequest: (total.appBusyMs * 1000) / total.requests,
    failures: total.failures,
  };
});
const yardstick = rows[0]!;
const round2 = (n: number) => Math.round(n * 100) / 100;
console.log(
  `\nGET /hello (an ordinary route) through each app's middleware; ${ROUNDS} interleaved rounds of ${ROUND_MS} ms each, ${CONCURRENCY} keep-alive clients, Node ${process.version}\n`,
);
console.table(
  rows.map((row) => ({
    app: row.name,
    'req/s': Math.round(row.requestsPerSecond),
    'vs bare (req/s)': round2(row.requestsPerSecond / yardstick.requestsPerSecond),
    'app µs/req': Math.round(row.appMicrosPerRequest),
    'vs bare (app cost)': round2(yardstick.appMicrosPerRequest / row.appMicrosPerRequest),
    failures: row.failures,
  })),
);
console.log(
  "'vs bare' is bare Express = 1.0; higher is cheaper. The app cost is this thread's busy time per request.",
);

const results = new URL('./results/', import.meta.url);
mkdirSync(results, { recursive: true });
writeFileSync(
  new URL('requests.json', results),
  `${JSON.stringify(
    {
      benchmark: 'requests',
      date: new Date().toISOString(),
      node: process.version,
      rounds: ROUNDS,
      roundMs: ROUND_MS,
      concurrency: CONCURRENCY,
      rows: rows.map((row) => ({
        ...row,
        vsBareRequestsPerSecond: row.requestsPerSecond / yardstick.requestsPerSecond,
        vsBareAppCost: yardstick.appMicrosPerRequest / row.appMicrosPerRequest,
      })),
      loadAverage: loadavg(),
    },
    null,
    2,
  )}\n`,
);

worker.postMessage({ type: 'close' });
for (const server of [bare, ours, theirs]) {
  server.close();
  server.closeAllConnections();
}
await new Promise((resolve) => worker.once('exit', resolve));
