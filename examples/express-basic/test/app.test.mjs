import { startMockProvider } from '@oauth1a/mock-provider';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.mjs';

let mock;
let app;

beforeAll(async () => {
  mock = await startMockProvider();
  app = createApp({
    provider: mock.provider,
    consumer: mock.consumer,
    sessionPassword: 'an example session password of 32+ chars',
    apiUrl: `${mock.url}/api/echo?greeting=hello%20world&tag=a&tag=b`,
  });
});

afterAll(async () => {
  await mock.close();
});

/** Logs in through the app and the mock provider, returning the agent that holds the session cookie. */
async function signIn() {
  const agent = request.agent(app);
  const login = await agent.get(`/auth/${mock.provider.id}/login?returnTo=/api-call`).expect(302);
  const authorizeUrl = new URL(login.headers.location);
  const callback = new URL(await mock.approve(authorizeUrl.searchParams.get('oauth_token')));
  const back = await agent.get(`${callback.pathname}${callback.search}`).expect(302);
  expect(back.headers.location).toBe('/api-call');
  return agent;
}

describe('examples/express-basic', () => {
  it('shows a sign-in link when signed out', async () => {
    const home = await request(app).get('/').expect(200);
    expect(home.text).toContain('Not signed in');
    expect(home.text).toContain(`/auth/${mock.provider.id}/login`);
  });

  it('signs in, calls the API through the signed client, and signs out', async () => {
    const agent = await signIn();
    const home = await agent.get('/').expect(200);
    expect(home.text).toMatch(/Signed in with .* as <strong id="user">ada<\/strong>/);

    const api = await agent.get('/api-call').expect(200);
    expect(api.text).toContain('<strong id="api-status">200</strong>');
    expect(api.text).toContain('hello world');

    await agent.post(`/auth/${mock.provider.id}/logout`).expect(302);
    const after = await agent.get('/').expect(200);
    expect(after.text).toContain('Not signed in');
  });

  it('sends a signed-out visitor of the API page home', async () => {
    const response = await request(app).get('/api-call').expect(302);
    expect(response.headers.location).toBe('/');
  });
});
