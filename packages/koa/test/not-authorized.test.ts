// Issue 12 item 8: a signed call before sign-in throws not_authorized (401). Koa answers an error with
// `expose` unset as its bare status text; an OAuth1Error under 500 carries no secret, so the adapter lets
// Koa show its message, as Express's error page does.
import { startMockProvider } from '@oauth1a/mock-provider';
import Koa from 'koa';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauth1 } from '../src/index.js';

describe('@oauth1a/koa: not_authorized explains itself', () => {
  let mock: Awaited<ReturnType<typeof startMockProvider>>;
  beforeAll(async () => {
    mock = await startMockProvider();
  });
  afterAll(() => mock.close());

  it('answers 401 with the message naming the login route, not a bare "Unauthorized"', async () => {
    const app = new Koa();
    app.silent = true;
    app.use(
      oauth1({ provider: mock.provider, consumer: mock.consumer, session: { password: 'x'.repeat(32) } }),
    );
    app.use(async (ctx) => {
      const response = await ctx.state.oauth1?.fetch(mock.endpoints.echo);
      ctx.body = await response?.text();
    });
    const answer = await request(app.callback()).get('/boards');
    expect(answer.status).toBe(401);
    expect(answer.text).toMatch(/sign in at \/auth\/mock\/login first/);
    expect(answer.text).toContain('not_authorized');
  });

  it('keeps a 5xx fault to its status text', async () => {
    const app = new Koa();
    app.silent = true;
    app.use(
      oauth1({ provider: mock.provider, consumer: mock.consumer, session: { password: 'x'.repeat(32) } }),
    );
    app.use(async () => {
      throw new Error('database password is hunter2');
    });
    const answer = await request(app.callback()).get('/');
    expect(answer.status).toBe(500);
    expect(answer.text).toBe('Internal Server Error');
  });
});
