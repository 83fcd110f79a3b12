import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import type { Request } from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OAuth1Strategy,
  type PassportProfile,
  type VerifyDone,
  type VerifyFunctionWithParams,
  type VerifyFunctionWithRequestAndParams,
} from '../src/index.js';
import { browserLogin, endpointOptions, expressApp } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

async function login(strategy: OAuth1Strategy<Request>) {
  return (await browserLogin(supertest.agent(expressApp(strategy)), mock)).response;
}

const whoamiCalls = () => mock.log.filter((entry) => entry.endpoint === 'whoami').length;

describe('verify callbacks, by arity as in passport-oauth1', () => {
  it('(token, tokenSecret, profile, done)', async () => {
    const strategy = new OAuth1Strategy(endpointOptions(mock), (token, tokenSecret, profile, done) =>
      done(null, { shape: 4, token, tokenSecret, profile }),
    );
    const { body } = await login(strategy);
    expect(body.user.shape).toBe(4);
    expect(body.user.token).toMatch(/.+/);
    expect(body.user.tokenSecret).toMatch(/.+/);
    // No profile mapping and no userProfile override: {} as in passport-oauth1.
    expect(body.user.profile).toEqual({});
  });

  it('(token, tokenSecret, params, profile, done)', async () => {
    const verify: VerifyFunctionWithParams = (_token, _tokenSecret, params, profile, done) =>
      done(null, { shape: 5, params, profile });
    const { body } = await login(new OAuth1Strategy(endpointOptions(mock), verify));
    expect(body.user.shape).toBe(5);
    expect(body.user.params).toEqual({ user_id: '1001', screen_name: 'ada' });
    expect(body.user.profile).toEqual({});
  });

  it('(req, token, tokenSecret, profile, done) with passReqToCallback', async () => {
    const strategy = new OAuth1Strategy(
      { ...endpointOptions(mock), passReqToCallback: true },
      (req: Request, token, _tokenSecret, profile, done) =>
        done(null, {
          shape: 5,
          path: req.path,
          hasSession: req.session !== undefined,
          token,
          profile,
        }),
    );
    const { body } = await login(strategy);
    expect(body.user).toMatchObject({
      shape: 5,
      path: '/auth/provider/callback',
      hasSession: true,
      profile: {},
    });
  });

  it('(req, token, tokenSecret, params, profile, done) with passReqToCallback', async () => {
    const verify: VerifyFunctionWithRequestAndParams<Request> = (
      req,
      _token,
      _secret,
      params,
      profile,
      done,
    ) => done(null, { shape: 6, path: req.path, params, profile });
    const { body } = await login(
      new OAuth1Strategy({ ...endpointOptions(mock), passReqToCallback: true }, verify),
    );
    expect(body.user).toMatchObject({
      shape: 6,
      path: '/auth/provider/callback',
      params: { user_id: '1001' },
    });
  });

  it('passes info through to req.authInfo, and fails with info when the user is false', async () => {
    const ok = await login(
      new OAuth1Strategy(endpointOptions(mock), (_t, _s, profile, done) =>
        done(null, profile, { scope: 'read' }),
      ),
    );
    expect(ok.body.authInfo).toEqual({ scope: 'read' });
    const refused = await login(
      new OAuth1Strategy(endpointOptions(mock), (_t, _s, _profile, done) =>
        done(null, false, { message: 'no account for this user' }),
      ),
    );
    expect(refused.status).toBe(302);
    expect(refused.headers.location).toBe('/login-failed');
  });

  it('reports an error from verify (thrown or passed to done) through error()', async () => {
    const passed = await login(
      new OAuth1Strategy(endpointOptions(mock), (_t, _s, _p, done) => done(new Error('database down'))),
    );
    expect(passed.status).toBe(500);
    expect(passed.body.message).toBe('database down');
    const thrown = await login(
      new OAuth1Strategy(endpointOptions(mock), () => {
        throw new Error('verify threw');
      }),
    );
    expect(thrown.status).toBe(500);
    expect(thrown.body.message).toBe('verify threw');
  });
});

describe('profile', () => {
  it('fetches "who am I" through the provider config and normalizes it for Passport', async () => {
    const before = whoamiCalls();
    const strategy = new OAuth1Strategy(
      { provider: mock.provider, consumer: mock.consumer, callbackURL: '/auth/provider/callback' },
      (_t, _s, profile, done) => done(null, profile),
    );
    const { body } = await login(strategy);
    expect(body.user).toEqual({
      provider: 'mock',
      id: '1001',
      displayName: 'ada',
      _json: { id: '1001', screen_name: 'ada', name: 'Ada Lovelace' },
    });
    expect(whoamiCalls()).toBe(before + 1);
  });

  const skips: [
    string,
    boolean | (() => boolean) | ((t: string, s: string, cb: (e: unknown, skip?: boolean) => void) => void),
  ][] = [
    ['true', true],
    ['a function answering true', () => true],
    ['a function answering through a callback', (_t, _s, cb) => setImmediate(() => cb(null, true))],
  ];
  for (const [title, skipUserProfile] of skips) {
    it(`skipUserProfile: ${title} makes no profile request`, async () => {
      const before = whoamiCalls();
      const strategy = new OAuth1Strategy(
        {
          provider: mock.provider,
          consumer: mock.consumer,
          callbackURL: '/auth/provider/callback',
          skipUserProfile,
        },
        (_t, _s, profile, done) => done(null, { profile: profile ?? 'undefined' }),
      );
      const { body } = await login(strategy);
      // As in passport-oauth1: no request, and verify gets profile === undefined.
      expect(body.user).toEqual({ profile: 'undefined' });
      expect(whoamiCalls()).toBe(before);
    });
  }

  it('skipUserProfile: false (or a function answering false) loads the profile', async () => {
    const before = whoamiCalls();
    const strategy = new OAuth1Strategy(
      {
        provider: mock.provider,
        consumer: mock.consumer,
        callbackURL: '/auth/provider/callback',
        skipUserProfile: () => false,
      },
      (_t, _s, profile, done) => done(null, profile),
    );
    expect((await login(strategy)).body.user.displayName).toBe('ada');
    expect(whoamiCalls()).toBe(before + 1);
  });

  it('reports a failing profile request through error() with the provider status', async () => {
    mock.setFault('whoami', { status: 503, times: 1 });
    const strategy = new OAuth1Strategy(
      { provider: mock.provider, consumer: mock.consumer, callbackURL: '/auth/provider/callback' },
      (_t: string, _s: string, profile: PassportProfile, done: VerifyDone) => done(null, profile),
    );
    const response = await login(strategy);
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'profile_failed', providerStatus: 503 });
  });
});
