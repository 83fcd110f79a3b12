// Signing throughput: @oauth1a/core's signRequest against oauth-1.0a, oauth (node-oauth), oauth-sign and
// a raw crypto.createHmac over a precomputed base string (the physical limit). One process, fixed nonce
// and timestamp, every implementation timed in interleaved slices so that machine noise (other work on
// shared cores, CPU frequency) hits all of them alike; the median slice is reported.
//
//   npm run bench            (in packages/core; writes bench/results/sign-<date>.json)
//   BENCH_ROUNDS=20 BENCH_SLICE_MS=300 npm run bench
import { createHmac } from 'node:crypto';
import { OAuth as NodeOAuth } from 'oauth';
import OAuth10a from 'oauth-1.0a';
import * as oauthSign from 'oauth-sign';
import { signRequest } from '../src/index.js';
import { writeResults } from './results.js';

const NONCE = 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg';
const TIMESTAMP = 1318622958;
const consumer = { key: 'xvz1evFS4wEEPTGEFPHBog', secret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw' };
const token = {
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  secret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};
const FORM = 'application/x-www-form-urlencoded';

interface Case {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  body?: Record<string, string>;
}
const CASES: Case[] = [
  {
    name: 'GET user_timeline (3 query params, token)',
    method: 'GET',
    url: 'https://api.x.com/1.1/statuses/user_timeline.json?screen_name=x&count=200&include_rts=true',
  },
  {
    name: 'POST 10-field form body (token)',
    method: 'POST',
    url: 'https://api.example.com/1/items',
    body: Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`field${i}`, `value ${i} with spaces & symbols: ✓ ${i * 31}`]),
    ),
  },
];

type Impl = () => string;

function implementations(c: Case): Record<string, Impl> {
  const bodyString = c.body === undefined ? undefined : new URLSearchParams(c.body).toString();
  const ours: Impl = () =>
    signRequest({
      method: c.method,
      url: c.url,
      consumer,
      token,
      nonce: NONCE,
      timestamp: TIMESTAMP,
      ...(bodyString === undefined ? {} : { body: bodyString, contentType: FORM }),
    }).authorization;

  const o10a = new OAuth10a({
    consumer,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  o10a.getNonce = () => NONCE;
  o10a.getTimeStamp = () => TIMESTAMP;
  const oauth10a: Impl = () =>
    o10a.toHeader(
      o10a.authorize(
        { url: c.url, method: c.method, data: c.body === undefined ? {} : { ...c.body } },
        { key: token.token, secret: token.secret },
      ),
    ).Authorization;

  const node = new NodeOAuth('', '', consumer.key, consumer.secret, '1.0', null, 'HMAC-SHA1');
  const internals = node as unknown as {
    _getNonce(): string;
    _getTimestamp(): number;
    _prepareParameters(
      t: string,
      s: string,
      m: string,
      u: string,
      extra?: Record<string, string>,
    ): string[][];
    _buildAuthorizationHeaders(p: string[][]): string;
  };
  internals._getNonce = () => NONCE;
  internals._getTimestamp = () => TIMESTAMP;
  const nodeOAuth: Impl = () =>
    internals._buildAuthorizationHeaders(
      internals._prepareParameters(token.token, token.secret, c.method, c.url, c.body && { ...c.body }),
    );

  // oauth-sign signs a prepared parameter object (request builds it); that preparation is left out of
  // the timed loop, which favours oauth-sign.
  const signed =
    ours === undefined
      ? undefined
      : signRequest({
          method: c.method,
          url: c.url,
          consumer,
          token,
          nonce: NONCE,
          timestamp: TIMESTAMP,
          ...(bodyString === undefined ? {} : { body: bodyString, contentType: FORM }),
        });
  const url = new URL(c.url);
  const params: Record<string, string> = { ...Object.fromEntries(url.searchParams), ...c.body };
  for (const [name, value] of Object.entries(signed!.oauthParams))
    if (name !== 'oauth_signature') params[name] = value;
  const baseUri = `${url.origin}${url.pathname}`;
  const oauthSignImpl: Impl = () =>
    oauthSign.hmacsign(c.method, baseUri, params, consumer.secret, token.secret);

  const key = `${encodeURIComponent(consumer.secret)}&${encodeURIComponent(token.secret)}`;
  const base = signed!.baseString;
  const raw: Impl = () => createHmac('sha1', key).update(base).digest('base64');

  // Every peer must produce the same signature, or the comparison is meaningless.
  const signature = signed!.signature;
  const check: Record<string, string> = {
    'oauth-1.0a': o10a.authorize(
      { url: c.url, method: c.method, data: { ...c.body } },
      { key: token.token, secret: token.secret },
    ).oauth_signature,
    'oauth-sign': oauthSignImpl(),
    'raw HMAC': raw(),
  };
  const nodeHeader = nodeOAuth();
  check.oauth = decodeURIComponent(/oauth_signature="([^"]*)"/.exec(nodeHeader)![1]!);
  for (const [name, value] of Object.entries(check)) {
    if (value !== signature) throw new Error(`${name} signs ${c.name} as ${value}, we as ${signature}`);
  }

  return {
    '@oauth1a/core signRequest': ours,
    'oauth-1.0a': oauth10a,
    oauth: nodeOAuth,
    'oauth-sign': oauthSignImpl,
    'raw HMAC-SHA1 (limit)': raw,
  };
}

let sink = 0;
function slice(fn: Impl, ms: number): number {
  const end = performance.now() + ms;
  let ops = 0;
  let now = performance.now();
  while (now < end) {
    for (let i = 0; i < 64; i++) sink += fn().length;
    ops += 64;
    now = performance.now();
  }
  return ops / (ms / 1000 + (now - end) / 1000);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 200);
const OURS = '@oauth1a/core signRequest';

const results = CASES.map((c) => {
  const impls = implementations(c);
  const names = Object.keys(impls);
  for (const name of names) slice(impls[name]!, 300); // warm-up: JIT and caches
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so that no implementation always runs first or last.
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      samples[name]!.push(slice(impls[name]!, SLICE_MS));
    }
  }
  const opsPerSecond = Object.fromEntries(names.map((n) => [n, median(samples[n]!)]));
  return { case: c.name, opsPerSecond, samples };
});

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
for (const r of results) {
  const oursOps = r.opsPerSecond[OURS]!;
  console.log(`\n${r.case}  (median of ${ROUNDS} interleaved ${SLICE_MS} ms slices)`);
  console.log(`${'implementation'.padEnd(28)}${'ops/s'.padStart(12)}  ours ÷ it`);
  for (const [name, ops] of Object.entries(r.opsPerSecond)) {
    const ratio =
      name === OURS
        ? ''
        : name.startsWith('raw')
          ? `${(oursOps / ops).toFixed(2)} (${Math.round((100 * oursOps) / ops)}% of limit)`
          : `${(oursOps / ops).toFixed(2)}x`;
    console.log(`${name.padEnd(28)}${fmt(ops).padStart(12)}  ${ratio}`);
  }
}

const file = writeResults('sign', {
  rounds: ROUNDS,
  sliceMs: SLICE_MS,
  results: results.map((r) => ({
    case: r.case,
    opsPerSecond: r.opsPerSecond,
    ratios: Object.fromEntries(
      Object.entries(r.opsPerSecond)
        .filter(([n]) => n !== OURS)
        .map(([n, ops]) => [`ours/${n}`, r.opsPerSecond[OURS]! / ops]),
    ),
    samples: r.samples,
  })),
});
console.log(`\nwrote ${file}${sink === -1 ? '' : ''}`);
