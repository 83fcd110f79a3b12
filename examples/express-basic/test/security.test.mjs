// Issue 11, findings 1 and 15, on the example as users copy it: a forged Host cannot choose the
// callback (safe by default, no baseUrl needed on 127.0.0.1), OAUTH1A_BASE_URL is honoured, and a
// provider fault renders the error page, never a stack trace.
import { startMockProvider } from '@oauth1a/mock-provider';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.mjs';

const PASSWORD = 'an example session password of 32+ chars';
let mock;

beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

const appWith = (extra = {}) =>
  createApp({
    provider: mock.provider,
    consumer: mock.consumer,
    sessionPassword: PASSWORD,
    apiUrl: `${mock.url}/api/echo`,
    ...extra,
  });

describe('examples/express-basic security', () => {
  it('refuses a login whose Host is not loopback, asking for baseUrl, before any provider request', async () => {
    const before = mock.log.length;
    const answer = await request(appWith())
      .get(`/auth/${mock.provider.id}/login`)
      .set('host', 'evil.example')
      .set('accept', 'text/html');
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('invalid_config');
    expect(answer.text).toContain('baseUrl: &#39;https://your.app&#39;');
    expect(mock.log.length).toBe(before);
  });

  it('builds the callback on baseUrl when one is given', async () => {
    const answer = await request(appWith({ baseUrl: 'https://app.example' }))
      .get(`/auth/${mock.provider.id}/login`)
      .set('host', 'evil.example')
      .expect(302);
    const token = new URL(answer.headers.location).searchParams.get('oauth_token');
    expect(mock.approve(token, '1001')).toMatch(/^https:\/\/app\.example\/auth\/mock\/callback\?/);
  });

  it('a provider fault during the API call renders the error page, never a stack', async () => {
    const agent = request.agent(appWith({ apiUrl: 'http://127.0.0.1:1/api' }));
    const login = await agent.get(`/auth/${mock.provider.id}/login`).expect(302);
    const callback = new URL(
      mock.approve(new URL(login.headers.location).searchParams.get('oauth_token'), '1001'),
    );
    await agent.get(`${callback.pathname}${callback.search}`).expect(302);
    const answer = await agent.get('/api-call').set('accept', 'text/html');
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain('provider_unreachable');
    expect(answer.text).not.toMatch(/\bat .*\.m?js:\d+/);
    expect(answer.text).not.toContain('node_modules');
  });
});
