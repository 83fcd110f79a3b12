// Core's own node:http transport (src/client/http-transport.ts), used when no fetch is injected: it must
// answer exactly what fetch would (headers sent and received, decoded bodies, null bodies, URL), keep
// connections alive, stream big bodies with backpressure, honour the caller's abort, and step aside for
// an injected fetch or a global fetch replaced at run time.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSignedFetch } from '../src/index.js';
import { expectNoLeftovers, resourceBaseline, startServer, type TestServer } from './support/harness.js';

const baseline = resourceBaseline();
const BIG = 4 * 1024 * 1024;
let server: TestServer;
const ports: number[] = [];

beforeAll(async () => {
  server = await startServer((req, res) => {
    ports.push(req.socket.remotePort ?? 0);
    const url = new URL(req.url ?? '/', 'http://x');
    const text = JSON.stringify({ hello: 'wörld', path: url.pathname });
    switch (url.pathname) {
      case '/gzip':
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
        return void res.end(gzipSync(text));
      case '/deflate':
        res.writeHead(200, { 'content-encoding': 'deflate', 'content-type': 'application/json' });
        return void res.end(deflateSync(text));
      case '/br':
        res.writeHead(200, { 'content-encoding': 'br', 'content-type': 'application/json' });
        return void res.end(brotliCompressSync(text));
      case '/empty':
        res.writeHead(204);
        return void res.end();
      case '/cookies':
        res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
        res.writeHead(201, 'Made It', { 'x-multi': 'one' });
        return void res.end('ok');
      case '/big':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return void res.end(Buffer.alloc(BIG, 7));
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
        return;
      default:
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ headers: req.headers, method: req.method, body: '' }));
    }
  });
});

afterAll(async () => {
  await server.close();
  await expectNoLeftovers(baseline);
});

const consumer = { key: 'key', secret: 'consumer-secret' };
const signedFetch = createSignedFetch({ consumer, token: { token: 't', secret: 'ts' } });

describe('core transport (no fetch injected)', () => {
  it("sends the headers fetch sends by default, the caller's headers winning, and the signature", async () => {
    const seen = (await (await signedFetch(`${server.url}/echo`)).json()) as {
      headers: Record<string, string>;
    };
    const plain = (await (await fetch(`${server.url}/echo`)).json()) as { headers: Record<string, string> };
    for (const name of ['accept', 'accept-language', 'user-agent', 'accept-encoding']) {
      expect(seen.headers[name]).toBe(plain.headers[name]);
    }
    expect(seen.headers.authorization).toMatch(/^OAuth oauth_consumer_key="key"/);
    const custom = (await (
      await signedFetch(`${server.url}/echo`, { headers: { accept: 'application/json', 'user-agent': 'me' } })
    ).json()) as { headers: Record<string, string> };
    expect(custom.headers.accept).toBe('application/json');
    expect(custom.headers['user-agent']).toBe('me');
  });

  it('decodes gzip, deflate and br bodies as fetch does', async () => {
    for (const path of ['/gzip', '/deflate', '/br']) {
      const response = await signedFetch(`${server.url}${path}`);
      expect(await response.json()).toEqual({ hello: 'wörld', path });
    }
  });

  it('keeps status text, every Set-Cookie and the URL; a 204 has a null body', async () => {
    const response = await signedFetch(`${server.url}/cookies?x=1`);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made It');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.url).toBe(`${server.url}/cookies?x=1`);
    expect(await response.text()).toBe('ok');
    const empty = await signedFetch(`${server.url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const head = await signedFetch(`${server.url}/echo`, { method: 'HEAD' });
    expect(head.body).toBeNull();
  });

  it('streams a big body whole, and reuses its keep-alive connection', async () => {
    ports.length = 0;
    const response = await signedFetch(`${server.url}/big`);
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength;
    expect(size).toBe(BIG);
    await (await signedFetch(`${server.url}/echo`)).arrayBuffer();
    await (await signedFetch(`${server.url}/echo`)).arrayBuffer();
    expect(new Set(ports).size).toBe(1);
  });

  it("the caller's abort while the body is read ends it with the caller's reason", async () => {
    const controller = new AbortController();
    const response = await signedFetch(`${server.url}/slow`, { signal: controller.signal });
    const reading = response.text();
    controller.abort(new Error('user cancelled'));
    await expect(reading).rejects.toThrow('user cancelled');
  });

  it('an injected fetch, or a global fetch replaced at run time, is called instead', async () => {
    const injected = vi.fn((request: Request) => fetch(request));
    const viaInjected = createSignedFetch({ consumer, fetch: injected });
    expect((await viaInjected(`${server.url}/echo`)).status).toBe(200);
    expect(injected).toHaveBeenCalledOnce();
    const original = globalThis.fetch;
    const replaced = vi.fn((input: RequestInfo | URL, init?: RequestInit) => original(input, init));
    globalThis.fetch = replaced as typeof fetch;
    try {
      const response = await createSignedFetch({ consumer })(`${server.url}/echo`);
      await response.arrayBuffer();
      expect(replaced).toHaveBeenCalledOnce();
    } finally {
      globalThis.fetch = original;
    }
  });
});
