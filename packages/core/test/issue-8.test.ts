// Regression (found by the CLI's tests): against a provider that accepts the connection and never
// answers, the default 10 s timeout did not fire, while shorter ones did. AbortSignal.timeout is held
// weakly, and combined through AbortSignal.any nothing kept it alive: a garbage collection during the
// wait dropped the deadline. Core's Deadline keeps its timer (and so its controller) strongly reachable.
import { createServer, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth1Flow, OAuth1Error } from '../src/index.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const sockets = new Set<Socket>();
const silent = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('issue 8: a deadline survives garbage collection', () => {
  it.each([
    ['core transport', undefined],
    ['an injected fetch', (request: Request) => fetch(request)],
  ] as const)(
    'times out a provider that never answers even when the heap is collected during the wait (%s)',
    async (_name, injected) => {
      const flow = createOAuth1Flow({
        provider: {
          id: 'silent',
          name: 'Silent',
          requestTokenUrl: `${base}/request_token`,
          authorizeUrl: `${base}/authorize`,
          accessTokenUrl: `${base}/access_token`,
        },
        consumer: { key: 'key', secret: 'secret' },
        timeoutMs: 1500,
        fetch: injected,
      });
      const started = Date.now();
      const collector = setInterval(collectGarbage, 50);
      try {
        const error = await flow.begin({ status: 'idle' }, { callbackUrl: 'http://127.0.0.1/cb' }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(OAuth1Error);
        expect((error as OAuth1Error).code).toBe('provider_timeout');
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        clearInterval(collector);
      }
    },
  );
});
