// Regression (issue 11, finding 7): the signed fetch's deadline covered the response headers only, though
// `timeoutMs` promised the body too. A provider that sends its headers and then drips the body a byte at a
// time kept `await response.text()` going forever. The returned Response's body now reads within the
// same deadline, also when the heap is collected during the wait (undici holds abort wiring weakly: see
// issue-8.test.ts), and the deadline is released once the body is read or cancelled.
import type { ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSignedFetch, OAuth1Error } from '../src/index.js';
import { expectNoLeftovers, resourceBaseline, startServer, type TestServer } from './support/harness.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const TIMEOUT_MS = 600;
// The body must fail within the deadline plus this margin (a loaded CI machine, a GC pause).
const MARGIN_MS = 1500;

const baseline = resourceBaseline();
const clearTimeoutOriginal = globalThis.clearTimeout;
const drippers = new Set<ReturnType<typeof setInterval>>();
let server: TestServer;

function drip(res: ServerResponse, everyMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"data":"');
  const timer = setInterval(() => {
    if (res.destroyed) {
      clearInterval(timer);
      drippers.delete(timer);
      return;
    }
    res.write('x');
  }, everyMs);
  drippers.add(timer);
  res.on('close', () => {
    clearInterval(timer);
    drippers.delete(timer);
  });
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/drip') return drip(res, 50);
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first chunk, then silence');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});

afterAll(async () => {
  for (const timer of drippers) clearInterval(timer);
  await server.close();
  // No socket of a timed-out body is left open.
  await expectNoLeftovers(baseline);
});

/** The body read's outcome and how long it took, failing fast (not at the test timeout) when it hangs. */
async function readBody(
  response: Response,
  started: number,
): Promise<{ error: unknown; elapsed: number; hung: boolean }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), TIMEOUT_MS + MARGIN_MS + 2000);
  });
  try {
    const outcome = await Promise.race([
      response.text().then(
        () => ({ error: undefined }),
        (error: unknown) => ({ error }),
      ),
      hang,
    ]);
    if (outcome === 'hung') return { error: undefined, elapsed: Date.now() - started, hung: true };
    return { error: outcome.error, elapsed: Date.now() - started, hung: false };
  } finally {
    clearTimeout(timer);
  }
}

// Both ways out: core's own node:http transport (no fetch given) and an injected fetch (undici's).
const transports = {
  'core transport': undefined,
  'injected fetch': (request: Request) => fetch(request),
} as const;

describe.each(Object.entries(transports))(
  'issue 11 (7): the signed fetch deadline covers the body (%s)',
  (_name, injected) => {
    const signedFetch = createSignedFetch({
      consumer: { key: 'key', secret: 'consumer-secret' },
      token: { token: 'token', secret: 'token-secret' },
      timeoutMs: TIMEOUT_MS,
      fetch: injected,
    });

    for (const path of ['/drip', '/stall']) {
      it(`${path}: reading the body fails with provider_timeout within timeoutMs plus a margin`, async () => {
        const started = Date.now();
        const collector = setInterval(collectGarbage, 50);
        try {
          const response = await signedFetch(`${server.url}${path}`);
          expect(response.status).toBe(200);
          const { error, elapsed, hung } = await readBody(response, started);
          expect(hung).toBe(false);
          expect(error).toBeInstanceOf(OAuth1Error);
          expect((error as OAuth1Error).code).toBe('provider_timeout');
          expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
          expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
        } finally {
          clearInterval(collector);
        }
      });
    }

    it('a body read in time is whole, and its deadline is released once read or cancelled', async () => {
      const cleared = new Set<unknown>();
      const set = vi.spyOn(globalThis, 'setTimeout');
      const clear = vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
        cleared.add(timer);
        clearTimeoutOriginal(timer);
      });
      try {
        const response = await signedFetch(`${server.url}/ok`);
        expect(await response.json()).toEqual({ ok: true });
        const cancelled = await signedFetch(`${server.url}/ok`);
        await cancelled.body?.cancel();
        const deadlines = set.mock.calls
          .map((call, index) => ({ delay: call[1], result: set.mock.results[index] }))
          .filter(({ delay }) => delay === TIMEOUT_MS);
        expect(deadlines.length).toBeGreaterThanOrEqual(2);
        for (const { result } of deadlines) expect(cleared.has(result?.value)).toBe(true);
      } finally {
        set.mockRestore();
        clear.mockRestore();
      }
    });
  },
);
