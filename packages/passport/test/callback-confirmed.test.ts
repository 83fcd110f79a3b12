// Deliberate differences from passport-oauth1 (README, "What changes"): the request-token answer must
// confirm the callback (RFC 5849 section 2.1) and the callback must carry a verifier, each with its
// per-provider opt-out for OAuth 1.0 providers.
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth1Strategy, type OAuth1StrategyOptions, type VerifyDone } from '../src/index.js';
import { browserLogin, decideOnPage, endpointOptions, expressApp, pathOf, startLogin } from './helpers.js';

let oauth10: MockProvider;
let mock: MockProvider;
beforeAll(async () => {
  oauth10 = await startMockProvider({ oauth10: true });
  mock = await startMockProvider();
});
afterAll(async () => {
  await oauth10.close();
  await mock.close();
});

const verify = (token: string, _s: string, params: Record<string, string>, _p: unknown, done: VerifyDone) =>
  done(null, { token, id: params.user_id });

function strategy(provider: MockProvider, extra: Partial<OAuth1StrategyOptions> = {}) {
  return new OAuth1Strategy({ ...endpointOptions(provider), ...extra } as OAuth1StrategyOptions, verify);
}

describe('oauth_callback_confirmed', () => {
  it('is required: an answer without it is an error, and no redirect to the provider happens', async () => {
    const response = await supertest(expressApp(strategy(oauth10))).get('/auth/provider');
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({
      name: 'InternalOAuthError',
      message: 'Failed to obtain request token',
      code: 'callback_not_confirmed',
    });
    expect(response.headers.location).toBeUndefined();
  });

  it('callbackConfirmed: false and sendsVerifier: false log in with an OAuth 1.0 provider', async () => {
    const agent = supertest.agent(
      expressApp(strategy(oauth10, { callbackConfirmed: false, sendsVerifier: false })),
    );
    const location = await startLogin(agent, oauth10);
    // As passport-oauth1 does for OAuth 1.0: the callback goes on the authorize redirect.
    expect(location.searchParams.get('oauth_callback')).toBe('http://127.0.0.1/auth/provider/callback');
    const back = await decideOnPage(location, 'approve');
    expect(back.searchParams.has('oauth_verifier')).toBe(false);
    const response = await agent.get(pathOf(back));
    expect(response.status).toBe(200);
    expect(response.body.user.id).toBe('1001');
  });
});

describe('oauth_verifier', () => {
  it('is required: a callback without it fails with missing_verifier, before any token request', async () => {
    const agent = supertest.agent(expressApp(strategy(mock), { callback: { failureRedirect: undefined } }));
    const location = await startLogin(agent, mock);
    const before = mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    const back = await decideOnPage(location, 'approve');
    back.searchParams.delete('oauth_verifier');
    const response = await agent.get(pathOf(back));
    expect(response.status).toBe(400);
    expect(mock.log.filter((entry) => entry.endpoint === 'access_token').length).toBe(before);
    // Used once: the login was consumed, so the real callback now fails too.
    back.searchParams.set('oauth_verifier', 'anything');
    expect((await agent.get(pathOf(back))).status).toBe(400);
  });

  it('a normal login still works alongside', async () => {
    const { response } = await browserLogin(supertest.agent(expressApp(strategy(mock))), mock);
    expect(response.status).toBe(200);
  });
});
