// The connections routes under attack, one case per attack, each asserting a code: another owner's id,
// a cross-site POST, a forged Host, an open-redirect returnTo, a replayed callback, a callback completed
// by another owner, no owner at all. Web Request/Response only; the Express run is in web-express.test.ts.
import type { MockProvider } from '@oauth1a/mock-provider';
import { startMockProvider } from '@oauth1a/mock-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Connections,
  type ConnectionsHandler,
  createConnections,
  createConnectionsHandler,
  memoryStore,
} from '../src/index.js';
import { CALLBACK, SECRET } from './support/setup.js';

const APP = 'http://127.0.0.1:3000';

let mock: MockProvider;
let connections: Connections;
let handler: ConnectionsHandler;

beforeEach(async () => {
  mock = await startMockProvider();
  connections = createConnections({
    store: memoryStore(),
    secret: SECRET,
    callbackUrl: CALLBACK,
    providers: { mock: { provider: mock.provider, consumer: mock.consumer } },
  });
  handler = createConnectionsHandler({
    connections,
    owner: (request) => request.headers.get('x-user') ?? undefined,
    basePath: '/connections',
    logger: { error() {} },
  });
});
afterEach(() => mock.close());

function post(path: string, user: string | undefined, body: Record<string, string> = {}, headers = {}) {
  return new Request(`${APP}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: APP,
      ...(user === undefined ? {} : { 'x-user': user }),
      ...headers,
    },
    body: new URLSearchParams(body).toString(),
  });
}

function get(path: string, user: string | undefined, headers = {}) {
  return new Request(`${APP}${path}`, {
    headers: { ...(user === undefined ? {} : { 'x-user': user }), ...headers },
  });
}

async function answer(request: Request): Promise<Response> {
  const response = await handler.handle(request);
  if (response === null) throw new Error(`not handled: ${request.url}`);
  return response;
}

async function codeOf(response: Response): Promise<string | undefined> {
  const text = await response.text();
  return (
    /data-code="([a-z_]+)"/.exec(text)?.[1] ?? (JSON.parse(text) as { error?: { code: string } }).error?.code
  );
}

/** connect as `owner` through the routes, approve at the mock as `userId`: the callback's path and query. */
async function startConnect(owner: string, userId?: string, returnTo?: string): Promise<string> {
  const response = await answer(
    post('/connections/mock/connect', owner, returnTo === undefined ? {} : { returnTo }),
  );
  expect(response.status).toBe(303);
  const authorizeUrl = response.headers.get('location')!;
  const requestToken = new URL(authorizeUrl).searchParams.get('oauth_token')!;
  const callback = new URL(mock.approve(requestToken, userId));
  return `${callback.pathname}${callback.search}`;
}

async function connected(owner: string, userId?: string): Promise<string> {
  const response = await answer(get(await startConnect(owner, userId), owner));
  expect(response.status).toBe(303);
  const list = await connections.list(owner);
  return list[0]!.id;
}

describe('connections routes under attack', () => {
  it('another owner’s id reads as not_found on every route (and changes nothing)', async () => {
    const id = await connected('alice');
    for (const action of ['test', 'rename', 'reconnect', 'delete']) {
      const response = await answer(post(`/connections/${id}/${action}`, 'mallory', { label: 'pwned' }));
      expect(response.status, action).toBe(404);
      expect(await codeOf(response), action).toBe('not_found');
    }
    const read = await answer(get(`/connections/${id}`, 'mallory', { accept: 'application/json' }));
    expect(read.status).toBe(404);
    expect(await (await answer(get('/connections', 'mallory'))).json()).toEqual({ connections: [] });
    const [own] = await connections.list('alice');
    expect(own).toMatchObject({ id, status: 'active' });
    expect(own?.label).toBeUndefined();
  });

  it('refuses a cross-site POST (Origin of another site, or Sec-Fetch-Site: cross-site) with 403', async () => {
    const id = await connected('alice');
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: APP, 'sec-fetch-site': 'cross-site' },
      { origin: APP, 'sec-fetch-site': 'same-site' },
    ]) {
      const del = await answer(post(`/connections/${id}/delete`, 'alice', {}, headers));
      expect(del.status).toBe(403);
      expect(await codeOf(del)).toBe('invalid_request');
      const start = await answer(post('/connections/mock/connect', 'alice', {}, headers));
      expect(start.status).toBe(403);
    }
    expect(await connections.get('alice', id)).toBeDefined();
    expect(mock.log.filter((entry) => entry.endpoint === 'request_token')).toHaveLength(1);
  });

  it('state-changing routes are POST only: a GET is 405 with Allow: POST', async () => {
    const id = await connected('alice');
    const response = await answer(get(`/connections/${id}/delete`, 'alice'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await connections.get('alice', id)).toBeDefined();
  });

  it('a forged Host cannot move the callback nor make its own origin count as same-site', async () => {
    const forged = (path: string) =>
      new Request(`https://evil.example${path}`, {
        method: 'POST',
        headers: {
          'x-user': 'alice',
          host: 'evil.example',
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: '',
      });
    const refused = await answer(forged('/connections/mock/connect'));
    expect(refused.status).toBe(403);
    // Without Origin (curl), the provider still hears the configured callback, never the Host.
    const plain = await answer(
      new Request('https://evil.example/connections/mock/connect', {
        method: 'POST',
        headers: { 'x-user': 'alice', host: 'evil.example' },
      }),
    );
    expect(plain.status).toBe(303);
    const token = new URL(plain.headers.get('location')!).searchParams.get('oauth_token')!;
    expect(new URL(mock.approve(token)).origin).toBe(new URL(CALLBACK).origin);
  });

  it('an open-redirect returnTo falls back to the basePath, after the callback too', async () => {
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/a/..//evil.example',
    ]) {
      const response = await answer(get(await startConnect('alice', undefined, returnTo), 'alice'));
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/connections');
    }
    const good = await answer(get(await startConnect('alice', undefined, '/settings?tab=2'), 'alice'));
    expect(good.headers.get('location')).toBe('/settings?tab=2');
    const id = (await connections.list('alice'))[0]!.id;
    const renamed = await answer(
      post(`/connections/${id}/rename`, 'alice', { label: 'x', returnTo: 'https://evil.example' }),
    );
    expect(renamed.headers.get('location')).toBe('/connections');
  });

  it('a replayed callback fails with no_pending_authorization and reaches no provider', async () => {
    const callback = await startConnect('alice');
    expect((await answer(get(callback, 'alice'))).status).toBe(303);
    const replay = await answer(get(callback, 'alice'));
    expect(replay.status).toBe(400);
    expect(await codeOf(replay)).toBe('no_pending_authorization');
    expect(mock.log.filter((entry) => entry.endpoint === 'access_token')).toHaveLength(1);
    expect(await connections.list('alice')).toHaveLength(1);
  });

  it('a callback completed by another owner fails with token_mismatch, burns it, and the owner cannot use it either', async () => {
    const callback = await startConnect('alice');
    const stolen = await answer(get(callback, 'mallory'));
    expect(stolen.status).toBe(403);
    expect(await codeOf(stolen)).toBe('token_mismatch');
    const late = await answer(get(callback, 'alice'));
    expect(await codeOf(late)).toBe('no_pending_authorization');
    expect(await connections.list('mallory')).toEqual([]);
    expect(await connections.list('alice')).toEqual([]);
    expect(mock.log.filter((entry) => entry.endpoint === 'access_token')).toHaveLength(0);
  });

  it('without an owner every route answers 401 not_authorized', async () => {
    const callback = await startConnect('alice');
    for (const request of [
      get('/connections', undefined),
      get(callback, undefined),
      post('/connections/mock/connect', undefined),
      post('/connections/some-id/delete', undefined),
    ]) {
      const response = await answer(request);
      expect(response.status, request.url).toBe(401);
      expect(await codeOf(response)).toBe('not_authorized');
    }
    // The unauthenticated callback did not burn alice's pending authorization.
    expect((await answer(get(callback, 'alice'))).status).toBe(303);
  });

  it('a user’s own consumer key or settings are refused where the provider entry does not allow them', async () => {
    const response = await answer(
      post('/connections/mock/connect', 'alice', { consumerKey: 'mine', consumerSecret: 's' }),
    );
    expect(response.status).toBe(400);
    const settings = await answer(post('/connections/mock/connect', 'alice', { 'settings.accountId': '1' }));
    expect(settings.status).toBe(400);
    expect(mock.log.filter((entry) => entry.endpoint === 'request_token')).toHaveLength(0);
  });

  it('error pages carry the security headers and never the verifier', async () => {
    const callback = await startConnect('alice');
    const stolen = await answer(get(callback, 'mallory'));
    expect(stolen.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(stolen.headers.get('x-frame-options')).toBe('DENY');
    const verifier = new URLSearchParams(callback.split('?')[1]).get('oauth_verifier')!;
    expect(await stolen.text()).not.toContain(verifier);
  });

  it('a form over the byte cap is refused with 413', async () => {
    const response = await answer(post('/connections/mock/connect', 'alice', { label: 'x'.repeat(20_000) }));
    expect(response.status).toBe(413);
  });
});

describe('paths under basePath that are not routes', () => {
  it('are left to the app (null), so it can serve its own pages there', async () => {
    expect(await handler.handle(get('/connections/new/form', 'alice'))).toBeNull();
    expect(await handler.handle(post('/connections/abc/unknown-action', 'alice'))).toBeNull();
    expect(await handler.handle(get('/elsewhere', 'alice'))).toBeNull();
  });
});
