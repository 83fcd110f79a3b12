import { startMockProvider } from '@oauth1a/mock-provider';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.mjs';
import { startExample } from '../src/server.mjs';

let mock;
let server;

beforeAll(async () => {
  mock = await startMockProvider();
  const app = createApp({
    provider: mock.provider,
    consumer: mock.consumer,
    sessionPassword: 'an example session password of 32+ chars',
    apiUrl: `${mock.url}/api/echo?greeting=hello%20world&tag=a&tag=b`,
  });
  server = app.callback();
});

afterAll(async () => {
  await mock.close();
});

/** Starts a login through the app; returns the agent holding the pending cookie and the request token. */
async function startLogin() {
  const agent = request.agent(server);
  const login = await agent.get(`/auth/${mock.provider.id}/login?returnTo=/api-call`).expect(302);
  return { agent, requestToken: new URL(login.headers.location).searchParams.get('oauth_token') };
}

describe('examples/koa-basic', () => {
  it('shows a sign-in link when signed out', async () => {
    const home = await request(server).get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.text).toContain('Not signed in');
    expect(home.text).toContain(`href="/auth/${mock.provider.id}/login?returnTo=/api-call"`);
  });

  it('signs in, calls the API through ctx.state.oauth1.fetch, and signs out', async () => {
    const { agent, requestToken } = await startLogin();
    const callback = new URL(mock.approve(requestToken, '1002'));
    const back = await agent.get(`${callback.pathname}${callback.search}`).expect(302);
    expect(back.headers.location).toBe('/api-call');

    const home = await agent.get('/').expect(200);
    expect(home.text).toMatch(/Signed in with .* as <strong id="user">grace<\/strong>/);

    const api = await agent.get('/api-call').expect(200);
    expect(api.text).toContain('<strong id="api-status">200</strong>');
    const echo = JSON.parse(
      api.text.match(/<pre id="api-result">([^<]*)<\/pre>/)[1].replaceAll('&quot;', '"'),
    );
    expect(echo).toMatchObject({ method: 'GET', userId: '1002', transport: 'header' });
    expect(echo.query).toEqual([
      ['greeting', 'hello world'],
      ['tag', 'a'],
      ['tag', 'b'],
    ]);

    await agent.post(`/auth/${mock.provider.id}/logout`).expect(302);
    const after = await agent.get('/').expect(200);
    expect(after.text).toContain('Not signed in');
  });

  it('a denied sign-in lands on the access_denied page and stays signed out', async () => {
    const { agent, requestToken } = await startLogin();
    const callback = new URL(mock.deny(requestToken));
    const denied = await agent.get(`${callback.pathname}${callback.search}`).expect(403);
    expect(denied.text).toContain('data-code="access_denied"');
    expect((await agent.get('/').expect(200)).text).toContain('Not signed in');
  });

  it('sends a signed-out visitor of the API page home, and answers 404 elsewhere', async () => {
    const response = await request(server).get('/api-call').expect(302);
    expect(response.headers.location).toBe('/');
    await request(server).post('/api-call').expect(404);
  });
});

describe('npm start (src/server.mjs)', () => {
  it('serves the app on loopback against the embedded mock provider', async () => {
    const example = await startExample({ env: { OAUTH1A_PROVIDER: 'mock' } });
    try {
      expect(example.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const home = await fetch(`${example.appUrl}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain(`Sign in with ${example.provider.name}`);
    } finally {
      await example.close();
    }
  });
});
