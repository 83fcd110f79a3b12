// connectionsRoutes() in a real Koa app, driven with supertest as a browser would: a form connect, the
// callback, ctx.state.connections in the app's own middleware, 401 without a signed-in user.
import { type Connections, createConnections, memoryStore } from '@oauth1a/connections';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import Koa from 'koa';
import request from 'supertest';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { connectionsRoutes } from '../src/index.js';

const ORIGIN = 'http://127.0.0.1:3000';
let mock: MockProvider;
let connections: Connections;

beforeEach(async () => {
  mock = await startMockProvider();
  connections = createConnections({
    store: memoryStore(),
    secret: 'a-connections-secret-of-at-least-32-chars!',
    callbackUrl: `${ORIGIN}/connections/callback`,
    providers: { mock: { provider: mock.provider, consumer: mock.consumer } },
  });
});
afterEach(() => mock.close());

function app() {
  const koa = new Koa();
  koa.use(connectionsRoutes({ connections, owner: (ctx) => ctx.get('x-user') || undefined }));
  koa.use(async (ctx) => {
    if (ctx.path !== '/mine') return;
    const mine = ctx.state.connections;
    ctx.body = mine === undefined ? { signedIn: false } : (await mine.list()).map((c) => c.label ?? c.name);
  });
  return koa.callback();
}

it('connects through a form, completes on the callback, and the app sees ctx.state.connections', async () => {
  const server = app();
  const start = await request(server)
    .post('/connections/mock/connect')
    .set('x-user', 'alice')
    .set('origin', ORIGIN)
    .type('form')
    .send({ label: 'Koa account' });
  expect(start.status).toBe(303);
  const token = new URL(start.headers.location!).searchParams.get('oauth_token')!;
  const back = new URL(mock.approve(token));
  const done = await request(server).get(`${back.pathname}${back.search}`).set('x-user', 'alice');
  expect(done.status).toBe(303);
  expect(done.headers.location).toBe('/connections');
  expect((await request(server).get('/mine').set('x-user', 'alice')).body).toEqual(['Koa account']);
  const cross = await request(server)
    .post('/connections/mock/connect')
    .set('x-user', 'alice')
    .set('origin', 'https://evil.example');
  expect(cross.status).toBe(403);
});

it('answers 401 without a signed-in user; ctx.state.connections is undefined', async () => {
  const server = app();
  expect((await request(server).get('/connections')).status).toBe(401);
  expect((await request(server).get('/mine')).body).toEqual({ signedIn: false });
});
