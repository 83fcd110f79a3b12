import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth1Strategy, type OAuth1StrategyOptions } from '../src/index.js';
import {
  browserLogin,
  decideOnPage,
  endpointOptions,
  expressApp,
  pathOf,
  requestTokenOf,
  startLogin,
} from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

function strategy(extra: Partial<OAuth1StrategyOptions> = {}) {
  return new OAuth1Strategy(
    { ...endpointOptions(mock), ...extra } as OAuth1StrategyOptions,
    (_t, _s, profile, done) => done(null, profile),
  );
}

describe('fail(): not authenticated', () => {
  it('a denial on the consent page follows failureRedirect with a message', async () => {
    const agent = supertest.agent(expressApp(strategy()));
    const { callback, response } = await browserLogin(agent, mock, { decision: 'deny' });
    expect(callback.searchParams.has('denied')).toBe(true);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/login-failed');
    const failed = await agent.get('/login-failed');
    expect(failed.body.messages).toHaveLength(1);
    expect(failed.body.messages[0]).toMatch(/declined.*access_denied/);
  });

  it('a denial reported as oauth_problem=user_refused fails alike', async () => {
    const refusing = await startMockProvider({ denialStyle: 'oauth_problem' });
    try {
      const agent = supertest.agent(
        expressApp(new OAuth1Strategy(endpointOptions(refusing), (_t, _s, p, done) => done(null, p))),
      );
      const { callback, response } = await browserLogin(agent, refusing, { decision: 'deny' });
      expect(callback.searchParams.get('oauth_problem')).toBe('user_refused');
      expect(response.headers.location).toBe('/login-failed');
    } finally {
      await refusing.close();
    }
  });

  it('a forged callback (an oauth_token this session never started) is token_mismatch', async () => {
    const agent = supertest.agent(expressApp(strategy()));
    const location = await startLogin(agent, mock);
    // The attacker's own approved request token, pushed to the victim's browser.
    const attacker = supertest.agent(expressApp(strategy()));
    const theirs = await decideOnPage(await startLogin(attacker, mock), 'approve');
    const response = await agent.get(pathOf(theirs));
    expect(response.headers.location).toBe('/login-failed');
    const failed = await agent.get('/login-failed');
    expect(failed.body.messages[0]).toMatch(/token_mismatch/);
    expect(requestTokenOf(location)).not.toBe(theirs.searchParams.get('oauth_token'));
    // The victim's own login still completes: a mismatch consumes nothing.
    const own = await decideOnPage(location, 'approve');
    expect((await agent.get(pathOf(own))).status).toBe(200);
  });

  it('a denial that names no request token consumes no pending login (any site can link to it)', async () => {
    const agent = supertest.agent(expressApp(strategy()));
    const location = await startLogin(agent, mock);
    const cancel = await agent.get('/auth/provider/callback?oauth_problem=user_refused');
    expect(cancel.headers.location).toBe('/login-failed');
    const own = await decideOnPage(location, 'approve');
    expect((await agent.get(pathOf(own))).status).toBe(200);
  });

  it('a forged callback answers 403 without failureRedirect', async () => {
    const agent = supertest.agent(expressApp(strategy(), { callback: { failureRedirect: undefined } }));
    await startLogin(agent, mock);
    const response = await agent.get('/auth/provider/callback?oauth_token=forged&oauth_verifier=x');
    expect(response.status).toBe(403);
  });

  it('a replayed callback fails: the pending authorization is single use', async () => {
    const agent = supertest.agent(expressApp(strategy()));
    const { callback, response } = await browserLogin(agent, mock);
    expect(response.status).toBe(200);
    const accessTokenCalls = mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    const replay = await agent.get(pathOf(callback));
    expect(replay.headers.location).toBe('/login-failed');
    expect((await agent.get('/login-failed')).body.messages[0]).toMatch(/no_pending_authorization/);
    // Refused before leg 3: the provider never saw the replay.
    expect(mock.log.filter((entry) => entry.endpoint === 'access_token').length).toBe(accessTokenCalls);
  });

  it('a callback in another browser (no session cookie) fails', async () => {
    const { callback } = await browserLogin(supertest.agent(expressApp(strategy())), mock);
    const stranger = await supertest.agent(expressApp(strategy())).get(pathOf(callback));
    expect(stranger.headers.location).toBe('/login-failed');
  });

  it('an expired pending authorization fails with authorization_expired', async () => {
    const agent = supertest.agent(expressApp(strategy({ pendingTtlMs: 1 })));
    const location = await startLogin(agent, mock);
    const back = await decideOnPage(location, 'approve');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await agent.get(pathOf(back))).headers.location).toBe('/login-failed');
    expect((await agent.get('/login-failed')).body.messages[0]).toMatch(/authorization_expired/);
  });
});

describe('error(): faults, with the provider status and message', () => {
  it('a rejected request-token leg shows the provider message', async () => {
    const agent = supertest.agent(expressApp(strategy({ consumerSecret: 'not-the-secret' })));
    const response = await agent.get('/auth/provider');
    expect(response.status).toBe(502);
    // passport-oauth1's error, wrapping the coded OAuth1Error (its cause) with the provider's explanation.
    expect(response.body).toMatchObject({
      name: 'InternalOAuthError',
      message: 'Failed to obtain request token',
      code: 'request_token_failed',
      providerStatus: 401,
    });
    expect(response.body.cause).toMatch(/answered 401: "oauth_problem=signature_invalid/);
    expect(JSON.stringify(response.body)).not.toContain('not-the-secret');
  });

  it('a failing access-token leg shows the provider status', async () => {
    const agent = supertest.agent(expressApp(strategy()));
    const back = await decideOnPage(await startLogin(agent, mock), 'approve');
    mock.setFault('access_token', { status: 503, times: 1 });
    const response = await agent.get(pathOf(back));
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'access_token_failed', providerStatus: 503 });
  });

  it('parseErrorResponse(body, status) can turn the answer into its own error, as in passport-oauth1', async () => {
    class Parsing extends OAuth1Strategy {
      override parseErrorResponse(body: string, status: number): Error {
        const problem = new URLSearchParams(body).get('oauth_problem');
        return Object.assign(new Error(`provider said ${problem} (${status})`), { code: 'custom' });
      }
    }
    const parsing = new Parsing({ ...endpointOptions(mock), consumerSecret: 'wrong' }, (_t, _s, p, done) =>
      done(null, p),
    );
    const response = await supertest.agent(expressApp(parsing)).get('/auth/provider');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'custom', message: 'provider said signature_invalid (401)' });
  });

  it('an unreachable provider is an error', async () => {
    const gone = await startMockProvider();
    const options = endpointOptions(gone);
    await gone.close();
    const response = await supertest
      .agent(
        expressApp(new OAuth1Strategy({ ...options, timeoutMs: 2000 }, (_t, _s, p, done) => done(null, p))),
      )
      .get('/auth/provider');
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('provider_unreachable');
  });

  it('no session middleware is an error that says what to mount', async () => {
    const response = await supertest.agent(expressApp(strategy(), { session: false })).get('/auth/provider');
    expect(response.status).toBe(500);
    expect(response.body.message).toMatch(/express-session.*sealedCookieStore/);
  });
});

describe('authenticate options', () => {
  it('passes forceLogin, screenName and authorizeParams to the authorize redirect', async () => {
    const agent = supertest.agent(
      expressApp(strategy(), {
        login: { forceLogin: true, screenName: 'ada', authorizeParams: { lang: 'fr' } },
      }),
    );
    const location = await startLogin(agent, mock);
    expect(location.searchParams.get('force_login')).toBe('true');
    expect(location.searchParams.get('screen_name')).toBe('ada');
    expect(location.searchParams.get('lang')).toBe('fr');
    expect(location.searchParams.get('oauth_token')).toMatch(/.+/);
  });
});
