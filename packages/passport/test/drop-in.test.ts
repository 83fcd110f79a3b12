// Issue 13's "done when": strategies written for passport-oauth1, and passport-twitter 1.0.4 from the npm
// registry, run unchanged on @oauth1a/passport installed through npm overrides from its packed tarball,
// in an Express app, against the mock provider.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DropInProject, installDropInProject } from './drop-in-project.js';
import { browserLogin, startLogin } from './helpers.js';

let project: DropInProject;
let mock: MockProvider;

beforeAll(async () => {
  project = installDropInProject();
  // passport-twitter reads X's verify_credentials shape (id_str, screen_name, name).
  mock = await startMockProvider({
    whoami: (user) => ({ id: user.id, id_str: user.id, screen_name: user.screenName, name: user.name }),
  });
}, 300_000);

afterAll(async () => {
  await mock?.close();
  project?.remove();
});

type StrategyClass = new (options: object, verify: (...args: unknown[]) => void) => { name: string };

interface PassportLike {
  use(strategy: object): void;
  serializeUser(fn: (user: unknown, done: (error: unknown, id?: unknown) => void) => void): void;
  deserializeUser(fn: (id: unknown, done: (error: unknown, user?: unknown) => void) => void): void;
  initialize(): RequestHandler;
  session(): RequestHandler;
  authenticate(name: string, options?: object): RequestHandler;
}

/** The app as a user writes it, with the project's own express, express-session and passport. */
function userApp(strategy: { name: string }, login: object = {}): Express {
  const express = project.require('express') as () => Express;
  const session = project.require('express-session') as (options: object) => RequestHandler;
  const { Passport } = project.require('passport') as { Passport: new () => PassportLike };
  const passport = new Passport();
  passport.use(strategy);
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user, done) => done(null, user));
  const app = express();
  app.use(session({ secret: 'a drop-in test secret of 32+ chars', resave: false, saveUninitialized: false }));
  app.use(passport.initialize());
  app.use(passport.session());
  app.get('/auth/provider', passport.authenticate(strategy.name, login));
  app.get(
    '/auth/provider/callback',
    passport.authenticate(strategy.name, { failureRedirect: '/login-failed' }),
    (req, res) => {
      res.json({ user: req.user });
    },
  );
  const onError: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    res.status(500).json({ name: error.name, message: error.message });
  };
  app.use(onError);
  return app;
}

const endpoints = () => ({
  requestTokenURL: mock.endpoints.requestToken,
  accessTokenURL: mock.endpoints.accessToken,
  userAuthorizationURL: mock.endpoints.authorize,
  consumerKey: mock.consumer.key,
  consumerSecret: mock.consumer.secret ?? '',
  callbackURL: '/auth/provider/callback',
  userProfileURL: `${mock.url}/api/whoami`,
});

const profileVerify = (_token: unknown, _secret: unknown, profile: unknown, done: unknown) =>
  (done as (error: null, user: unknown) => void)(null, profile);

describe('installed through npm overrides from the packed tarball', () => {
  it('puts @oauth1a/passport where passport-oauth1 was, for the app and for passport-twitter', () => {
    const own = project.require.resolve('passport-oauth1/package.json');
    expect(JSON.parse(readFileSync(own, 'utf8')).name).toBe('@oauth1a/passport');
    const twitter = path.dirname(project.require.resolve('passport-twitter/package.json'));
    const theirs = project.require('node:module').createRequire(path.join(twitter, 'package.json'));
    expect(JSON.parse(readFileSync(theirs.resolve('passport-oauth1/package.json'), 'utf8')).name).toBe(
      '@oauth1a/passport',
    );
    const exported = project.require('passport-oauth1') as StrategyClass & Record<string, unknown>;
    expect(typeof exported).toBe('function');
    expect(exported.Strategy).toBe(exported);
    expect(typeof exported.InternalOAuthError).toBe('function');
  });

  it('passport-twitter 1.0.4 from the registry completes a login', async () => {
    const { Strategy: TwitterStrategy } = project.require('passport-twitter') as { Strategy: StrategyClass };
    const strategy = new TwitterStrategy(endpoints(), profileVerify);
    expect(strategy.name).toBe('twitter');
    const agent = supertest.agent(userApp(strategy));
    const { response } = await browserLogin(agent, mock, { userId: '1002' });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({
      provider: 'twitter',
      id: '1002',
      username: 'grace',
      displayName: 'Grace Hopper',
      _json: { id_str: '1002', screen_name: 'grace' },
    });
  });

  it('passport-twitter: a denial at the provider fails through its own authenticate', async () => {
    const { Strategy: TwitterStrategy } = project.require('passport-twitter') as { Strategy: StrategyClass };
    const agent = supertest.agent(userApp(new TwitterStrategy(endpoints(), profileVerify)));
    const { response } = await browserLogin(agent, mock, { decision: 'deny' });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/login-failed');
  });

  it('passport-twitter: a failing profile request is its InternalOAuthError, not a crash', async () => {
    const { Strategy: TwitterStrategy } = project.require('passport-twitter') as { Strategy: StrategyClass };
    const agent = supertest.agent(userApp(new TwitterStrategy(endpoints(), profileVerify)));
    mock.setFault('whoami', { status: 503, times: 1 });
    const { response } = await browserLogin(agent, mock);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ name: 'InternalOAuthError', message: 'Failed to fetch user profile' });
  });

  it('an ES5 util.inherits strategy logs in, its userProfile through this._oauth.get', async () => {
    const Strategy = project.require(path.join(project.dir, 'es5-strategy.cjs')) as StrategyClass;
    const agent = supertest.agent(userApp(new Strategy(endpoints(), profileVerify)));
    const { response } = await browserLogin(agent, mock);
    expect(response.body.user).toEqual({
      provider: 'example',
      id: '1001',
      username: 'ada',
      _json: { id: '1001', id_str: '1001', screen_name: 'ada', name: 'Ada Lovelace' },
    });
  });

  it('an ES5 strategy reports a failing profile request with InternalOAuthError', async () => {
    const Strategy = project.require(path.join(project.dir, 'es5-strategy.cjs')) as StrategyClass;
    const agent = supertest.agent(userApp(new Strategy(endpoints(), profileVerify)));
    mock.setFault('whoami', { status: 500, times: 1 });
    const { response } = await browserLogin(agent, mock);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ name: 'InternalOAuthError', message: 'Failed to fetch user profile' });
  });

  it('a class extending passport-oauth1 logs in, its userAuthorizationParams applied', async () => {
    const Strategy = project.require(path.join(project.dir, 'class-strategy.cjs')) as StrategyClass;
    const agent = supertest.agent(userApp(new Strategy(endpoints(), profileVerify), { screenName: 'ada' }));
    const location = await startLogin(agent, mock);
    expect(location.searchParams.get('screen_name')).toBe('ada');
    const { response } = await browserLogin(agent, mock);
    expect(response.body.user).toEqual({
      provider: 'class',
      id: '1001',
      displayName: 'Ada Lovelace',
      fromParams: '1001',
    });
  });
});
