import { createRequire } from 'node:module';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthenticateOptions,
  OAuth1Strategy,
  type PassportProfile,
  type ProfileDone,
  type TokenParams,
  type VerifyFunction,
} from '../src/index.js';
import { browserLogin, decideOnPage, expressApp, pathOf, startLogin } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

interface TwitterStyleOptions {
  consumerKey: string;
  consumerSecret: string;
  callbackURL: string;
  baseURL: string;
}

/** passport-twitter's shape as a TypeScript class: only the base class import changed. */
class TwitterStyleStrategy extends OAuth1Strategy {
  private readonly userProfileURL: string;

  constructor(options: TwitterStyleOptions, verify: VerifyFunction) {
    const { baseURL, ...rest } = options;
    super(
      {
        ...rest,
        requestTokenURL: `${baseURL}/oauth/request_token`,
        accessTokenURL: `${baseURL}/oauth/access_token`,
        userAuthorizationURL: `${baseURL}/oauth/authorize`,
      },
      verify,
    );
    this.name = 'twitter';
    this.userProfileURL = `${baseURL}/api/whoami`;
  }

  override userProfile(token: string, tokenSecret: string, params: TokenParams, done: ProfileDone): void {
    this._oauth.get(this.userProfileURL, token, tokenSecret, (error, body) => {
      if (error !== null || body === undefined) return done(new Error('Failed to fetch user profile'));
      const json = JSON.parse(body) as { id: string; screen_name: string; name: string };
      done(null, {
        provider: 'twitter',
        id: json.id,
        username: json.screen_name,
        displayName: json.name,
        _raw: body,
        _json: json,
        userIdParam: params.user_id,
      });
    });
  }

  override userAuthorizationParams(options: AuthenticateOptions): Record<string, string> {
    const params: Record<string, string> = {};
    if (options.forceLogin) params.force_login = String(options.forceLogin);
    if (typeof options.screenName === 'string') params.screen_name = options.screenName;
    return params;
  }
}

const options = () => ({
  consumerKey: mock.consumer.key,
  consumerSecret: mock.consumer.secret ?? '',
  callbackURL: '/auth/provider/callback',
  baseURL: mock.url,
});

describe('a passport-twitter-style subclass', () => {
  it('as a TypeScript class: its userProfile and userAuthorizationParams are used', async () => {
    const strategy = new TwitterStyleStrategy(options(), (_token, _secret, profile, done) =>
      done(null, profile),
    );
    expect(strategy.name).toBe('twitter');
    expect(strategy).toBeInstanceOf(OAuth1Strategy);
    const agent = supertest.agent(expressApp(strategy, { login: { forceLogin: true, screenName: 'grace' } }));
    const location = await startLogin(agent, mock);
    expect(location.searchParams.get('force_login')).toBe('true');
    expect(location.searchParams.get('screen_name')).toBe('grace');
    const back = await decideOnPage(location, 'approve', '1002');
    const { body } = await agent.get(pathOf(back));
    expect(body.user).toEqual({
      provider: 'twitter',
      id: '1002',
      username: 'grace',
      displayName: 'Grace Hopper',
      _raw: JSON.stringify({ id: '1002', screen_name: 'grace', name: 'Grace Hopper' }),
      _json: { id: '1002', screen_name: 'grace', name: 'Grace Hopper' },
      userIdParam: '1002',
    });
  });

  it('in ES5 style (util.inherits, OAuthStrategy.call(this, ...)) from the CommonJS build', async () => {
    const require = createRequire(import.meta.url);
    const Legacy = require('./fixtures/passport-twitter-style.cjs') as new (
      options: TwitterStyleOptions,
      verify: VerifyFunction,
    ) => OAuth1Strategy;
    const strategy = new Legacy(options(), (_token, _secret, profile: PassportProfile, done) =>
      done(null, profile),
    );
    expect(strategy.name).toBe('twitter');
    const agent = supertest.agent(expressApp(strategy, { login: { screenName: 'ada' } }));
    const { location, response } = await browserLogin(agent, mock);
    expect(location.searchParams.get('screen_name')).toBe('ada');
    expect(response.body.user).toMatchObject({
      provider: 'twitter',
      id: '1001',
      username: 'ada',
      displayName: 'Ada Lovelace',
      fromParams: 'ada',
    });
    // Its own denial handling (passport-twitter's authenticate override) still runs first.
    const denied = await browserLogin(supertest.agent(expressApp(strategy)), mock, { decision: 'deny' });
    expect(denied.response.headers.location).toBe('/login-failed');
  });

  it('an ES5 call without this says how to call it', () => {
    const call = OAuth1Strategy as unknown as (options: unknown, verify: unknown) => void;
    expect(() => call({}, () => {})).toThrow(/with new, or with \.call\(this, options, verify\)/);
  });
});
