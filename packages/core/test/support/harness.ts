// Shared test plumbing for the flow and client tests: a coded-error collector that proves no secret ever
// reaches a message or a serialized error, plain node:http servers that close completely, and a check that
// nothing of ours (server, socket, timer) is left open.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { isOAuth1Error, type OAuth1Error, type OAuth1ErrorCode, percentEncode } from '../../src/index.js';

/** Every error a test file produced, and every secret it handled, checked against each other at the end. */
export class SecretAudit {
  readonly errors: unknown[] = [];
  readonly #secrets = new Set<string>();

  /** Remembers secrets (consumer secrets, token secrets, PEM private keys) that must never leak. */
  secret(...values: (string | undefined)[]): void {
    for (const value of values) {
      if (value === undefined || value === '') continue;
      if (value.includes('PRIVATE KEY')) {
        // Any line of the key's base64 body is a leak.
        for (const line of value.split('\n')) if (line.length >= 40) this.#secrets.add(line.trim());
      } else {
        this.#secrets.add(value);
      }
    }
  }

  /** Awaits a rejection, asserts its code, records it and returns it. */
  async rejects(promise: Promise<unknown>, code: OAuth1ErrorCode): Promise<OAuth1Error> {
    let caught: unknown;
    try {
      await promise;
    } catch (error) {
      caught = error;
    }
    return this.check(caught, code);
  }

  /** Runs `fn`, expecting it to throw synchronously with `code`. */
  throws(fn: () => unknown, code: OAuth1ErrorCode): OAuth1Error {
    let caught: unknown;
    try {
      fn();
    } catch (error) {
      caught = error;
    }
    return this.check(caught, code);
  }

  /** Records an error already in hand and asserts its code. */
  check(error: unknown, code: OAuth1ErrorCode): OAuth1Error {
    expect(error, `expected an OAuth1Error with code ${code}`).toBeDefined();
    this.errors.push(error);
    expect(isOAuth1Error(error), `not an OAuth1Error: ${String(error)}`).toBe(true);
    const oauthError = error as OAuth1Error;
    expect(oauthError.code).toBe(code);
    expect(oauthError.message).toContain(`(oauth1a: ${code}`);
    return oauthError;
  }

  /** Every rendering of every recorded error: message, JSON, util.inspect with hidden fields and causes. */
  assertNoLeaks(): void {
    expect(this.#secrets.size).toBeGreaterThan(0);
    for (const error of this.errors) {
      const renderings = [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 8 }),
        inspect(error, { depth: 8, showHidden: true }),
        isOAuth1Error(error) ? JSON.stringify(error.provider ?? null) : '',
        isOAuth1Error(error) ? String(error.cause) : '',
      ].join('\n');
      for (const secret of this.#secrets) {
        if (renderings.includes(secret)) {
          throw new Error(`a secret leaked into ${(error as Error).message}`);
        }
        // Encoded forms too: a PLAINTEXT signature is the secrets percent-encoded, and encoded again in a
        // header or a query, and once more inside an urlencoded error message.
        const once = percentEncode(secret);
        const twice = percentEncode(once);
        for (const encoded of [encodeURIComponent(secret), once, twice, percentEncode(twice)]) {
          if (encoded !== secret && renderings.includes(encoded)) {
            throw new Error(`an encoded secret (${encoded}) leaked into ${(error as Error).message}`);
          }
        }
      }
    }
  }
}

export interface TestServer {
  url: string;
  port: number;
  /** Requests received, in order. */
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

/** A plain node:http server on 127.0.0.1 with a free port; `close()` also ends keep-alive sockets. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: string, base: string) => void | Promise<void>,
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  let base = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      Promise.resolve(handler(req, res, body, base)).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was bound and released). */
export async function closedPort(): Promise<number> {
  const server = await startServer((_req, res) => {
    res.end();
  });
  await server.close();
  return server.port;
}

type ResourceCounts = Record<string, number>;

function countResources(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

const WATCHED = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'] as const;

/** A snapshot of the open servers, sockets and timers, to compare against once everything is closed. */
export function resourceBaseline(): ResourceCounts {
  return countResources();
}

/**
 * Waits (up to `withinMs`) until no more servers, sockets or ref'd timers are open than at `baseline`:
 * keep-alive client sockets need a tick or two to see the server's FIN.
 */
export async function expectNoLeftovers(baseline: ResourceCounts, withinMs = 2000): Promise<void> {
  const deadline = Date.now() + withinMs;
  let extra: string[] = [];
  for (;;) {
    const now = countResources();
    extra = WATCHED.filter((name) => (now[name] ?? 0) > (baseline[name] ?? 0)).map(
      (name) => `${name}: ${now[name]} > ${baseline[name] ?? 0}`,
    );
    if (extra.length === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(extra).toEqual([]);
}

/** The query of a callback URL the mock provider redirected to. */
export function callbackQuery(location: string): URLSearchParams {
  return new URL(location, 'http://app.test').searchParams;
}
