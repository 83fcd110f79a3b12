import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth1Error } from '@oauth1a/core';

export const CALLBACK_PATH = '/callback';

export interface LoopbackCallback {
  /** The callback's query: oauth_token and oauth_verifier, or denied / oauth_problem. */
  query: URLSearchParams;
  /** Answers the browser and stops the server. */
  reply(ok: boolean, message: string): Promise<void>;
}

export interface Loopback {
  /** `http://127.0.0.1:<port>/callback`. */
  callbackUrl: string;
  /** Resolves with the first callback; rejects with `authorization_expired` after the timeout. */
  callback: Promise<LoopbackCallback>;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(ok: boolean, message: string): string {
  const title = ok ? 'Authorized' : 'Authorization failed';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
<h1 id="result">${title}</h1><p>${escapeHtml(message)}</p><p>You can close this tab and return to the terminal.</p>
</body></html>\n`;
}

const isCallback = (query: URLSearchParams): boolean =>
  query.has('oauth_token') || query.has('denied') || query.has('oauth_problem');

/**
 * A one-shot callback server on 127.0.0.1 and a free port: the first request to `/callback` that carries
 * the provider's answer ends it. Anything else gets a 404 and leaves it waiting.
 */
export async function startLoopback(timeoutMs: number): Promise<Loopback> {
  let settle!: { resolve(value: LoopbackCallback): void; reject(error: Error): void };
  const callback = new Promise<LoopbackCallback>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Handled by whoever awaits it; when leg 1 fails first, nobody does, and a later timeout must not crash.
  callback.catch(() => {});
  let answered = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (answered || req.method !== 'GET' || url.pathname !== CALLBACK_PATH || !isCallback(url.searchParams)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    answered = true;
    clearTimeout(timer);
    settle.resolve({ query: url.searchParams, reply: (ok, message) => reply(res, ok, message) });
  });
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      clearTimeout(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const reply = (res: ServerResponse, ok: boolean, message: string): Promise<void> => {
    res.writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    return new Promise<void>((resolve) => res.end(page(ok, message), resolve)).then(close);
  };
  const timer = setTimeout(() => {
    answered = true;
    settle.reject(
      new OAuth1Error(
        'authorization_expired',
        `no callback arrived within ${Math.round(timeoutMs / 1000)} seconds`,
      ),
    );
    void close();
  }, timeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { callbackUrl: `http://127.0.0.1:${port}${CALLBACK_PATH}`, callback, close };
}
