import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import Koa from 'koa';
import { KoaPassport } from 'koa-passport';
import session from 'koa-session';
import type { Strategy } from 'passport';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth1Strategy, sealedCookieStore, type VerifyFunctionWithParams } from '../src/index.js';
import { browserLogin, endpointOptions } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

/** A verify callback with params: without a profile mapping, passport-oauth1's profile is {}. */
function byParams(user: (token: string, params: Record<string, string>) => object): VerifyFunctionWithParams {
  return (token, _tokenSecret, params, _profile, done) => done(null, user(token, params));
}

/** A real Koa 3 app: koa-session (unless `withSession` is false) and koa-passport. */
function koaApp(strategy: Strategy, withSession = true): Koa {
  const app = new Koa();
  app.keys = ['a koa test key of some length'];
  const passport = new KoaPassport();
  passport.use('oauth', strategy);
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user, done) => done(null, user));
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const e = error as Error & { status?: number; code?: string };
      ctx.status = typeof e.status === 'number' ? e.status : 500;
      ctx.body = { code: e.code, message: e.message };
    }
  });
  if (withSession) app.use(session({}, app));
  app.use(passport.initialize());
  if (withSession) app.use(passport.session());
  app.use(async (ctx, next) => {
    if (ctx.path === '/auth/provider') {
      await passport.authenticate('oauth', { session: withSession })(ctx, next);
    } else if (ctx.path === '/auth/provider/callback') {
      await passport.authenticate('oauth', { session: withSession, failureRedirect: '/login-failed' })(
        ctx,
        async () => {
          ctx.body = { user: ctx.state.user };
        },
      );
    } else if (ctx.path === '/me') {
      ctx.body = { user: ctx.state.user ?? null };
    } else {
      await next();
    }
  });
  return app;
}

describe('Koa through koa-passport', () => {
  it('logs in with koa-session holding the pending authorization', async () => {
    const strategy = new OAuth1Strategy(
      { provider: mock.provider, consumer: mock.consumer, callbackURL: '/auth/provider/callback' },
      (_token, _tokenSecret, profile, done) => done(null, profile),
    );
    const agent = supertest.agent(koaApp(strategy).callback());
    const { response } = await browserLogin(agent, mock);
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ provider: 'mock', id: '1001', displayName: 'ada' });
    expect((await agent.get('/me')).body.user.id).toBe('1001');
  });

  it('a passport-oauth1 configuration logs in, and a replayed callback fails', async () => {
    const strategy = new OAuth1Strategy(
      endpointOptions(mock),
      byParams((token, params) => ({ token, id: params.user_id })),
    );
    const agent = supertest.agent(koaApp(strategy).callback());
    const { callback, response } = await browserLogin(agent, mock);
    expect(response.body.user.id).toBe('1001');
    const replay = await agent.get(`${callback.pathname}${callback.search}`);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toBe('/login-failed');
  });

  it('logs in without any session, the pending authorization in a sealed cookie', async () => {
    const strategy = new OAuth1Strategy(
      {
        ...endpointOptions(mock),
        requestTokenStore: sealedCookieStore({ password: 'a'.repeat(32), secure: false }),
      },
      byParams((_token, params) => ({ id: params.user_id })),
    );
    const agent = supertest.agent(koaApp(strategy, false).callback());
    const { response } = await browserLogin(agent, mock);
    expect(response.status).toBe(200);
    expect(response.body.user.id).toBe('1001');
  });
});
