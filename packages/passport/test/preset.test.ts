import { x } from '@oauth1a/core/providers';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth1Strategy, type VerifyDone } from '../src/index.js';
import { decideOnPage, expressApp, pathOf, startLogin } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

describe('a core preset', () => {
  it("X's preset, pointed at the mock, logs in with per-login force_login and screen_name", async () => {
    const provider = x({
      accessType: 'read',
      urls: {
        requestTokenUrl: mock.endpoints.requestToken,
        authorizeUrl: mock.endpoints.authorize,
        accessTokenUrl: mock.endpoints.accessToken,
      },
    });
    const strategy = new OAuth1Strategy(
      {
        provider,
        consumerKey: mock.consumer.key,
        consumerSecret: mock.consumer.secret ?? '',
        callbackURL: '/auth/provider/callback',
        name: 'twitter',
        // X names the user in the access-token answer (user_id, screen_name): no verify_credentials call.
        skipUserProfile: true,
      },
      (
        _token: string,
        _tokenSecret: string,
        params: Record<string, string>,
        _profile: unknown,
        done: VerifyDone,
      ) => done(null, { provider: 'x', id: params.user_id, username: params.screen_name }),
    );
    const agent = supertest.agent(expressApp(strategy, { login: { forceLogin: true, screenName: 'grace' } }));
    const location = await startLogin(agent, mock);
    expect(location.searchParams.get('force_login')).toBe('true');
    expect(location.searchParams.get('screen_name')).toBe('grace');
    const back = await decideOnPage(location, 'approve', '1002');
    const { body } = await agent.get(pathOf(back));
    expect(body.user).toEqual({ provider: 'x', id: '1002', username: 'grace' });
    expect(mock.log.some((entry) => entry.endpoint === 'whoami')).toBe(false);
  });
});
