// Issue 11, findings 1 and 15, on the connections example: a forged Host cannot choose the callback,
// and a provider fault during a call renders the error page, never a stack trace.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockProvider } from '@oauth1a/mock-provider';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.mjs';
import { openConnectionStore } from '../src/store.mjs';

const KEY = 'the app key that seals cookies and secrets';
let folder;
let mock;
let app;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'oauth1a-connections-security-'));
  mock = await startMockProvider();
  const store = openConnectionStore({ file: join(folder, 'connections.sqlite'), password: KEY });
  // Signed calls go to a port nobody listens on: the provider is unreachable.
  app = createApp({
    providers: [{ provider: mock.provider, consumer: mock.consumer, apiUrl: 'http://127.0.0.1:1/api' }],
    store,
    sessionPassword: KEY,
  });
});

afterAll(async () => {
  await mock.close();
  await rm(folder, { recursive: true, force: true });
});

describe('examples/connections security', () => {
  it('refuses a login whose Host is not loopback, before any provider request', async () => {
    const agent = request.agent(app);
    await agent.get('/').expect(200);
    const before = mock.log.length;
    const answer = await agent.get(`/auth/${mock.provider.id}/login`).set('host', 'evil.example');
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('invalid_config');
    expect(mock.log.length).toBe(before);
  });

  it('a provider fault during a call renders the error page, never a stack', async () => {
    const agent = request.agent(app);
    await agent.get('/').expect(200);
    const login = await agent.get(`/auth/${mock.provider.id}/login?returnTo=/`).expect(302);
    const callback = new URL(
      mock.approve(new URL(login.headers.location).searchParams.get('oauth_token'), '1001'),
    );
    await agent.get(`${callback.pathname}${callback.search}`).expect(302);
    const answer = await agent
      .post('/call')
      .type('form')
      .send({ connection: `${mock.provider.id}:1001`, path: '/api' });
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain('provider_unreachable');
    expect(answer.text).not.toMatch(/\bat .*\.m?js:\d+/);
  });
});
