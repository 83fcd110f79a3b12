// toWebRequest / writeWebResponse and the adapter helpers (serveOAuth1, getOAuth1Context) on plain node:http.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOAuth1Error, type OAuth1Context, type OAuth1Handler } from '../src/index.js';
import { toWebRequest, writeWebResponse } from '../src/node.js';
import { getOAuth1Context, serveOAuth1 } from '../src/web/adapter.js';

function fakeRequest(url: string, headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { url, method: 'GET', headers, socket: { encrypted } } as unknown as IncomingMessage;
}

describe('toWebRequest', () => {
  it('keeps method, path, query and every header; takes protocol and host from the framework', () => {
    const request = toWebRequest(fakeRequest('/a/b?x=1&x=2', { host: 'in.example', cookie: 'a=1' }), {
      protocol: 'https:',
      host: 'app.example:8443',
    });
    expect(request.url).toBe('https://app.example:8443/a/b?x=1&x=2');
    expect(request.headers.get('cookie')).toBe('a=1');
  });

  it('ignores a protocol other than http or https (a forwarded "javascript" never becomes the callback scheme)', () => {
    expect(toWebRequest(fakeRequest('/', { host: 'h' }), { protocol: 'javascript' }).url).toBe('http://h/');
    expect(toWebRequest(fakeRequest('/', { host: 'h' }, true), { protocol: 'ftp' }).url).toBe('https://h/');
  });

  it.each(['a b', 'a@b', 'x/auth/mock', 'h?x', 'h#x', 'h\\x'])(
    'refuses Host %j with a 400 invalid_request',
    (host) => {
      let caught: unknown;
      try {
        toWebRequest(fakeRequest('/login', { host }));
      } catch (error) {
        caught = error;
      }
      expect(isOAuth1Error(caught) && caught.code === 'invalid_request' && caught.status === 400).toBe(true);
    },
  );

  it('accepts IPv6 and ports, and keeps only the path of an absolute-form target', () => {
    expect(toWebRequest(fakeRequest('/x', { host: '[::1]:3000' })).url).toBe('http://[::1]:3000/x');
    expect(toWebRequest(fakeRequest('http://evil.example/auth/x/login?a=1', { host: 'app' })).url).toBe(
      'http://app/auth/x/login?a=1',
    );
    expect(toWebRequest(fakeRequest('*', { host: 'app' })).url).toBe('http://app/');
    expect(toWebRequest(fakeRequest('/inner', { host: 'app' }), { path: '/mount/inner' }).url).toBe(
      'http://app/mount/inner',
    );
    // HTTP/1.0 without Host (load-balancer health checks) still passes through.
    expect(toWebRequest(fakeRequest('/health', {}), { host: '' }).url).toBe('http://localhost/health');
  });
});

describe('writeWebResponse', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      const headers = new Headers({ 'content-type': 'text/plain', location: '/next' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      void writeWebResponse(res, new Response('héllo', { status: 302, headers }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('copies status, headers, every Set-Cookie and the body', async () => {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/next');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await response.text()).toBe('héllo');
  });
});

describe('serveOAuth1 / getOAuth1Context', () => {
  const context = (authorized: boolean): OAuth1Context => ({ authorized, fetch: globalThis.fetch });
  const handler = (providerId: string, own: Response | null, ctx: OAuth1Context): OAuth1Handler => ({
    providerId,
    basePath: `/auth/${providerId}`,
    handle: async () => own,
    context: async () => ctx,
  });

  it("answers the handler's own routes and leaves the holder alone", async () => {
    const holder = {};
    const own = new Response(null, { status: 302 });
    expect(await serveOAuth1(handler('x', own, context(true)), new Request('http://h/'), holder)).toBe(own);
    expect(holder).toEqual({});
  });

  it('puts the first-mounted provider on oauth1 and each on oauth1s', async () => {
    const holder = {};
    const x = context(true);
    const trello = context(false);
    expect(await serveOAuth1(handler('x', null, x), new Request('http://h/'), holder)).toBeNull();
    await serveOAuth1(handler('trello', null, trello), new Request('http://h/'), holder);
    expect(getOAuth1Context(holder)).toBe(x);
    expect(getOAuth1Context(holder, 'x')).toBe(x);
    expect(getOAuth1Context(holder, 'trello')).toBe(trello);
  });

  it('names the fix when no middleware for the provider ran', async () => {
    expect(() => getOAuth1Context(undefined)).toThrow(/mount oauth1\(\) before your routes.*invalid_config/);
    const holder = {};
    await serveOAuth1(handler('x', null, context(false)), new Request('http://h/'), holder);
    expect(() => getOAuth1Context(holder, 'trello')).toThrow(/"trello".*mounted here: x/);
  });
});
