// Issue 11, findings 1 and 15, on the Koa example: a forged Host (or X-Forwarded-Host) cannot choose
// the callback, and a provider fault renders the error page, never a stack trace.
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

const appWith = (extra = {}) => {
  const app = createApp({
    provider: mock.provider,
    consumer: mock.consumer,
    sessionPassword: PASSWORD,
    apiUrl: `${mock.url}/api/echo`,
    ...extra,
  });
  app.silent = true;
  return app;
};

describe('examples/koa-basic security', () => {
  it('refuses a login whose Host (or X-Forwarded-Host behind proxy) is not loopback', async () => {
    const before = mock.log.length;
    const direct = await request(appWith().callback())
      .get(`/auth/${mock.provider.id}/login`)
      .set('host', 'evil.example');
    expect(direct.status).toBe(500);
    expect(direct.text).toContain('invalid_config');
    const proxied = appWith();
    proxied.proxy = true;
    const forwarded = await request(proxied.callback())
      .get(`/auth/${mock.provider.id}/login`)
      .set('x-forwarded-host', 'evil.example');
    expect(forwarded.status).toBe(500);
    expect(mock.log.length).toBe(before);
  });

  it('a provider fault during the API call renders the error page, never a stack', async () => {
    const agent = request.agent(appWith({ apiUrl: 'http://127.0.0.1:1/api' }).callback());
    const login = await agent.get(`/auth/${mock.provider.id}/login`).expect(302);
    const callback = new URL(
      mock.approve(new URL(login.headers.location).searchParams.get('oauth_token'), '1001'),
    );
    await agent.get(`${callback.pathname}${callback.search}`).expect(302);
    const answer = await agent.get('/api-call');
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain('provider_unreachable');
    expect(answer.text).not.toMatch(/\bat .*\.m?js:\d+/);
  });
});
