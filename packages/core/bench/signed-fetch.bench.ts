// Signed fetch vs the same unsigned fetch: GET with 3 query params to a node:http server in this process.
//
//   npx tsx bench/signed-fetch.bench.ts   (in packages/core; also the last step of npm run bench)
//   writes bench/results/signed-fetch-<date>.json
//
// The unsigned client is the global fetch (undici, keep-alive). The signed client is used as an app uses
// it: with no fetch injected it sends over core's own keep-alive node:http transport
// (src/client/http-transport.ts). A second signed row injects the global fetch, to show what the signed
// client costs on top of fetch itself. Same concurrency for all; rounds are interleaved, order rotating,
// so drift (CPU frequency, other processes) hits all alike. The ratio is signed ÷ unsigned requests per
// second (target ≥ 0.9). CPU time per request is reported too: on a shared machine it is steadier than
// wall time. Two more rows add to the unsigned fetch what the signed client adds besides the signature
// (a deadline signal, manual redirects) and a fixed OAuth header, to tell the costs apart.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createSignedFetch, signRequest } from '../src/index.js';
import { loadSlice, median, type Sample } from './load-slice.js';
import { writeResults } from './results.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TARGET = 0.9;

const server = createServer((_req, res) => {
  // Consume nothing: a GET has no body. Answer a small JSON body, as an API would.
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' });
  res.end('{"ok":true}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const url = `http://127.0.0.1:${port}/1.1/statuses/user_timeline.json?screen_name=ada&count=20&include_rts=false`;

const signedFetch = createSignedFetch({
  consumer: { key: 'xvz1evFS4wEEPTGEFPHBog', secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw' },
  token: {
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  },
});
const FIXED_AUTHORIZATION = signRequest({
  method: 'GET',
  url,
  consumer: { key: 'xvz1evFS4wEEPTGEFPHBog', secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw' },
  token: {
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  },
}).authorization;
const signedViaFetch = createSignedFetch({
  consumer: { key: 'xvz1evFS4wEEPTGEFPHBog', secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw' },
  token: {
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  },
  fetch: (request) => fetch(request),
});
const clients: Record<string, (input: string) => Promise<Response>> = {
  'unsigned fetch': (input) => fetch(input),
  'signed fetch (HMAC-SHA1, header)': (input) => signedFetch(input),
  // What the signed client does besides signing: a deadline signal and manual redirects. Against this
  // row the ratio is the cost of signing alone.
  'unsigned + 10 s deadline + manual': (input) =>
    fetch(input, { redirect: 'manual', signal: AbortSignal.timeout(10_000) }),
  // The same request carrying a (fixed, precomputed) OAuth Authorization header: what the ~300 bytes of
  // the header cost the client and server alone, the ceiling for any signed request.
  'unsigned + a fixed OAuth header': (input) =>
    fetch(input, { headers: { authorization: FIXED_AUTHORIZATION } }),
  'signed, fetch injected': (input) => signedViaFetch(input),
};
const names = Object.keys(clients);

/** Requests completed in `ms` with `CONCURRENCY` in flight. */
const slice = (client: (input: string) => Promise<Response>, ms: number) =>
  loadSlice(() => client(url), ms, CONCURRENCY);

for (const name of names) await slice(clients[name]!, 300); // warm-up: JIT, sockets
const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order each round so that neither client always runs first.
  for (let k = 0; k < names.length; k++) {
    const name = names[(k + round) % names.length]!;
    samples[name]!.push(await slice(clients[name]!, SLICE_MS));
  }
}
await new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections();
});

const requestsPerSecond = Object.fromEntries(
  names.map((n) => [n, median(samples[n]!.map((s) => s.requestsPerSecond))]),
);
const cpuMicrosPerRequest = Object.fromEntries(
  names.map((n) => [n, median(samples[n]!.map((s) => s.cpuMicrosPerRequest))]),
);
const [unsignedName, signedName, deadlineName, headerName, injectedName] = names as [
  string,
  string,
  string,
  string,
  string,
];
const ratio = requestsPerSecond[signedName]! / requestsPerSecond[unsignedName]!;
// Requests per CPU-second: what one free core would do; steadier than wall time on a shared machine.
const cpuRatio = cpuMicrosPerRequest[unsignedName]! / cpuMicrosPerRequest[signedName]!;
const signingOnlyRatio = requestsPerSecond[signedName]! / requestsPerSecond[deadlineName]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `\nsigned vs unsigned fetch, GET with 3 query params over loopback  (median of ${ROUNDS} interleaved ${SLICE_MS} ms slices, ${CONCURRENCY} in flight)`,
);
console.log(`${'client'.padEnd(36)}${'req/s'.padStart(10)}${'CPU µs/req'.padStart(12)}`);
for (const name of names) {
  console.log(
    `${name.padEnd(36)}${fmt(requestsPerSecond[name]!).padStart(10)}${fmt(cpuMicrosPerRequest[name]!).padStart(12)}`,
  );
}
console.log(
  `\nsigned ÷ unsigned: ${ratio.toFixed(2)} by wall-clock req/s, ${cpuRatio.toFixed(2)} by req per CPU-second (target ≥ ${TARGET})`,
);
console.log(`signed ÷ unsigned with the same deadline and redirect mode: ${signingOnlyRatio.toFixed(2)}`);
console.log(
  `the header alone (unsigned with a fixed OAuth header ÷ unsigned): ${(requestsPerSecond[headerName]! / requestsPerSecond[unsignedName]!).toFixed(2)}`,
);
const injectedRatio = requestsPerSecond[injectedName]! / requestsPerSecond[unsignedName]!;
console.log(`signed with the global fetch injected ÷ unsigned: ${injectedRatio.toFixed(2)}`);

const file = writeResults('signed-fetch', {
  rounds: ROUNDS,
  sliceMs: SLICE_MS,
  concurrency: CONCURRENCY,
  request: 'GET http://127.0.0.1/<path>?screen_name=ada&count=20&include_rts=false',
  requestsPerSecond,
  cpuMicrosPerRequest,
  ratio: {
    'signed/unsigned': ratio,
    'signed/unsigned by CPU time': cpuRatio,
    'signed/unsigned with the same deadline and redirect mode': signingOnlyRatio,
    'signed with the global fetch injected/unsigned': injectedRatio,
  },
  target: TARGET,
  meetsTarget: ratio >= TARGET,
  loadAverage: loadavg(),
  samples,
});
console.log(`\nwritten to ${file}`);
