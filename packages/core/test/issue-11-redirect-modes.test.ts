// Regression (issue 11, finding 11): the signed fetch ignored `redirect: 'error'` and followed a 307.
// It now honours the three modes as fetch does: 'follow' (the default) follows, re-signing on the same
// origin; 'manual' hands the 3xx back; 'error' fails on the first redirect without following it, and
// the redirect target is never requested. Where fetch rejects with a TypeError, the signed fetch
// rejects with its own coded error, as for any failure: too_many_redirects (zero were allowed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedFetch, OAuth1Error } from '../src/index.js';
import { startServer, type TestServer } from './support/harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url?.startsWith('/moved')) {
      res.writeHead(307, { location: '/target' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ url: req.url }));
  });
});

afterAll(async () => {
  await server.close();
});

const signedFetch = createSignedFetch({
  consumer: { key: 'key', secret: 'consumer-secret' },
  token: { token: 'token', secret: 'token-secret' },
});

describe('issue 11 (11): the three redirect modes of fetch', () => {
  it("'error' rejects on a redirect, as fetch does (with a coded error), and never requests the target", async () => {
    const plain = await fetch(`${server.url}/moved`, { redirect: 'error' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(plain).toBeInstanceOf(TypeError);
    server.requests.length = 0;
    const signed = await signedFetch(`${server.url}/moved`, { redirect: 'error' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(signed).toBeInstanceOf(OAuth1Error);
    expect((signed as OAuth1Error).code).toBe('too_many_redirects');
    expect((signed as Error).message).toMatch(/redirect: "error"/);
    expect(server.requests.map((request) => request.url)).toEqual(['/moved']);
  });

  it("'error' given on a Request input is honoured too", async () => {
    server.requests.length = 0;
    const request = new Request(`${server.url}/moved`, { method: 'POST', body: 'a=1', redirect: 'error' });
    await expect(signedFetch(request)).rejects.toMatchObject({ code: 'too_many_redirects' });
    expect(server.requests.map((seen) => seen.url)).toEqual(['/moved']);
  });

  it("'error' with no redirect answers normally", async () => {
    const response = await signedFetch(`${server.url}/here`, { redirect: 'error' });
    expect(await response.json()).toEqual({ url: '/here' });
  });

  it("'manual' hands the 307 back; 'follow' (and the default) follow it", async () => {
    const manual = await signedFetch(`${server.url}/moved`, { redirect: 'manual' });
    expect(manual.status).toBe(307);
    expect(manual.headers.get('location')).toBe('/target');
    await manual.body?.cancel();
    for (const init of [{ redirect: 'follow' as const }, undefined]) {
      const followed = await signedFetch(`${server.url}/moved`, init);
      expect(await followed.json()).toEqual({ url: '/target' });
      expect(followed.redirected).toBe(true);
    }
  });
});
