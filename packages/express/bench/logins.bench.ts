// Complete three-legged logins per second through @oauth1a/express vs passport-oauth1 + express-session,
// against the same mock provider on the same machine. The apps run on this thread; the mock provider and
// the clients run in a worker thread (load.worker.ts) so that this event loop serves only the app being
// measured. Rounds alternate between the two apps. Options: ROUNDS (per app, default 4), ROUND_MS
// (default 3000), CONCURRENCY (default 16).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { oauth1aApp, type ProviderSetup, passportApp } from './apps.js';
import type { RunRequest, RunResult } from './load.worker.js';

const ROUNDS = Number(process.env.ROUNDS ?? 4);
const ROUND_MS = Number(process.env.ROUND_MS ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const WARMUP_MS = 1000;

// The worker is TypeScript too: it registers tsx's loader in its own thread, then imports the file.
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

/** A round's result plus how busy this thread (the app alone) was: its event-loop utilization. */
async function round(appUrl: string, durationMs: number): Promise<RunResult & { appBusyMs: number }> {
  const reply = next<{ result: RunResult }>();
  const before = performance.eventLoopUtilization();
  worker.postMessage({ type: 'run', appUrl, durationMs, concurrency: CONCURRENCY } satisfies RunRequest);
  const { result } = await reply;
  return { ...result, appBusyMs: performance.eventLoopUtilization(before).active };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const setup = await next<ProviderSetup>();
const ours = createServer(oauth1aApp(setup));
const oursUrl = await listen(ours);
const theirs = createServer();
const theirsUrl = await listen(theirs);
theirs.on('request', passportApp(setup, theirsUrl));

const contenders = [
  { name: '@oauth1a/express', url: oursUrl },
  { name: 'passport-oauth1 + express-session', url: theirsUrl },
];
const totals = contenders.map(() => ({
  logins: 0,
  failures: 0,
  elapsedMs: 0,
  appBusyMs: 0,
  callbackMs: [] as number[],
}));

for (const { url } of contenders) await round(url, WARMUP_MS);
for (let r = 0; r < ROUNDS; r++) {
  // Interleaved, and the order flips each round so neither side always runs on a warmer machine.
  const order = r % 2 === 0 ? [0, 1] : [1, 0];
  for (const index of order) {
    const result = await round(contenders[index]!.url, ROUND_MS);
    const total = totals[index]!;
    total.logins += result.logins;
    total.failures += result.failures;
    total.elapsedMs += result.elapsedMs;
    total.appBusyMs += result.appBusyMs;
    total.callbackMs.push(...result.callbackMs);
  }
}

const rows = contenders.map(({ name }, index) => {
  const total = totals[index]!;
  const sorted = [...total.callbackMs].sort((a, b) => a - b);
  return {
    name,
    loginsPerSecond: Math.round((total.logins / total.elapsedMs) * 1000 * 10) / 10,
    logins: total.logins,
    failures: total.failures,
    callbackP50Ms: Math.round(percentile(sorted, 50) * 100) / 100,
    callbackP99Ms: Math.round(percentile(sorted, 99) * 100) / 100,
    /** Milliseconds this thread (the app, its outbound calls included) was busy per login. */
    appMsPerLogin: Math.round((total.appBusyMs / total.logins) * 100) / 100,
    appUtilization: Math.round((total.appBusyMs / total.elapsedMs) * 100) / 100,
  };
});
const ratio = Math.round((rows[0]!.loginsPerSecond / rows[1]!.loginsPerSecond) * 100) / 100;
// Throughput is capped by whichever side saturates; the app's own cost per login is not.
const costRatio = Math.round((rows[1]!.appMsPerLogin / rows[0]!.appMsPerLogin) * 100) / 100;

console.log(
  `\nComplete three-legged logins (login, authorize, callback, one signed call); ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per app, ${CONCURRENCY} concurrent clients, Node ${process.version}\n`,
);
console.table(
  rows.map((row) => ({
    app: row.name,
    'logins/s': row.loginsPerSecond,
    'vs passport': `${Math.round((row.loginsPerSecond / rows[1]!.loginsPerSecond) * 100) / 100}x`,
    'callback p50 ms': row.callbackP50Ms,
    'callback p99 ms': row.callbackP99Ms,
    'app ms/login': row.appMsPerLogin,
    'app busy': `${Math.round(row.appUtilization * 100)}%`,
    failures: row.failures,
  })),
);
console.log(`ratio (@oauth1a/express / passport-oauth1): ${ratio}x logins/s (target >= 1.0x, stretch 1.5x)`);
console.log(`app thread cost per login: passport-oauth1 / @oauth1a/express = ${costRatio}x`);
if (rows[0]!.appUtilization < 0.9)
  console.log(
    `note: the app thread was busy ${Math.round(rows[0]!.appUtilization * 100)}% of the time: the load side (mock provider + clients, one worker thread) or other processes on this machine limit throughput, which pulls the logins/s ratio toward 1x`,
  );

const results = new URL('./results/', import.meta.url);
mkdirSync(results, { recursive: true });
const report = {
  benchmark: 'logins',
  date: new Date().toISOString(),
  node: process.version,
  rounds: ROUNDS,
  roundMs: ROUND_MS,
  concurrency: CONCURRENCY,
  rows,
  ratio,
  costRatio,
  loadAverage: (await import('node:os')).loadavg(),
};
writeFileSync(new URL('logins.json', results), `${JSON.stringify(report, null, 2)}\n`);

worker.postMessage({ type: 'close' });
ours.close();
theirs.close();
ours.closeAllConnections();
theirs.closeAllConnections();
await new Promise((resolve) => worker.once('exit', resolve));
