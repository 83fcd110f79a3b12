// connectionsRoutes() in real Express apps, driven with supertest as a browser would: forms with and
// without a body parser in front, req.connections in the app's own routes, the app's own POST bodies
// left unread, and the Web handler's answers copied through.
import { type Connections, createConnections, memoryStore } from '@oauth1a/connections';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import express, { type Express } from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

function appWith(parser: boolean): Express {
  const app = express();
  if (parser) app.use(express.urlencoded({ extended: false }));
  app.use(connectionsRoutes({ connections, owner: (req) => req.get('x-user') }));
  app.get('/mine', (req, res, next) => {
    if (req.connections === undefined) {
      res.status(401).json({ signedIn: false });
      return;
    }
    req.connections.list().then((list) => res.json(list.map((c) => c.label ?? c.name)), next);
  });
  // The app's own form route after the mount: its body must still be readable.
  app.post(
    '/echo',
    parser ? (_req, _res, next) => next() : express.urlencoded({ extended: false }),
    (req, res) => {
      res.json(req.body);
    },
  );
  return app;
}

describe.each([true, false])('connectionsRoutes (body parser in front: %s)', (parser) => {
  it('connects through a form, completes on the callback, and the app sees req.connections', async () => {
    const app = appWith(parser);
    const start = await request(app)
      .post('/connections/mock/connect')
      .set('x-user', 'alice')
      .set('origin', ORIGIN)
      .type('form')
      .send({ label: 'Work account', returnTo: '/settings' });
    expect(start.status).toBe(303);
    const token = new URL(start.headers.location!).searchParams.get('oauth_token')!;
    const back = new URL(mock.approve(token));
    const done = await request(app).get(`${back.pathname}${back.search}`).set('x-user', 'alice');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/settings');
    expect((await request(app).get('/mine').set('x-user', 'alice')).body).toEqual(['Work account']);
    const list = await request(app).get('/connections').set('x-user', 'alice');
    expect(list.body.connections).toHaveLength(1);

    const id = list.body.connections[0].id as string;
    const renamed = await request(app)
      .post(`/connections/${id}/rename`)
      .set('x-user', 'alice')
      .set('origin', ORIGIN)
      .set('accept', 'application/json')
      .type('form')
      .send({ label: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.connection.label).toBe('Renamed');
  });

  it('refuses a form over 16 KiB with 413, answered (not a hang or a reset)', async () => {
    const response = await request(appWith(parser))
      .post('/connections/mock/connect')
      .set('x-user', 'alice')
      .set('origin', ORIGIN)
      .type('form')
      .send({ label: 'x'.repeat(40_000) });
    expect(response.status).toBe(413);
  });

  it('leaves the app’s own POST bodies readable', async () => {
    const response = await request(appWith(parser)).post('/echo').type('form').send({ a: '1' });
    expect(response.body).toEqual({ a: '1' });
  });

  it('answers 401 without a signed-in user, and req.connections is undefined', async () => {
    const app = appWith(parser);
    expect((await request(app).get('/connections')).status).toBe(401);
    expect((await request(app).get('/mine')).body).toEqual({ signedIn: false });
  });
});

it('a basePath that does not match the callbackUrl reaches next(err) as invalid_config', async () => {
  const app = express();
  const middleware = connectionsRoutes({ connections, owner: () => 'alice', basePath: '/elsewhere' });
  await expect(middleware.handler).rejects.toMatchObject({ code: 'invalid_config' });
  app.use(middleware);
  app.use(
    (error: { code?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ code: error.code });
    },
  );
  expect((await request(app).get('/anything')).body).toEqual({ code: 'invalid_config' });
});

it('the build loads @oauth1a/connections only when connectionsRoutes() is called (an optional peer)', async () => {
  const { readFileSync } = await import('node:fs');
  for (const file of ['index.js', 'index.cjs']) {
    const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
    expect(code, file).not.toMatch(/^import[^;]*['"]@oauth1a\/connections['"]/m);
    expect(code, file).not.toMatch(/^(var|const|let) [^=]+= require\(['"]@oauth1a\/connections['"]\)/m);
  }
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(manifest.dependencies['@oauth1a/connections']).toBeUndefined();
  expect(manifest.peerDependenciesMeta['@oauth1a/connections']).toEqual({ optional: true });
});
