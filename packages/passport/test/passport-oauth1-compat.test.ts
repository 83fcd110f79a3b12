import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
// Before: import { OAuthStrategy } from 'passport-oauth1';
import {
  OAuthStrategy,
  type PassportProfile,
  type RequestTokenStore,
  type SignatureMethod,
  sessionStore,
  type VerifyDone,
} from '../src/index.js';
import { browserLogin, decideOnPage, endpointOptions, expressApp, pathOf, startLogin } from './helpers.js';

let mocks: MockProvider[] = [];
afterEach(async () => {
  await Promise.all(mocks.map((mock) => mock.close()));
  mocks = [];
});

async function mockWith(options: Parameters<typeof startMockProvider>[0]): Promise<MockProvider> {
  const mock = await startMockProvider(options);
  mocks.push(mock);
  return mock;
}

const cases: { title: string; method: SignatureMethod; realm?: string }[] = [
  { title: 'HMAC-SHA1', method: 'HMAC-SHA1' },
  { title: 'HMAC-SHA256 with a realm', method: 'HMAC-SHA256', realm: 'https://app.example.com/' },
  { title: 'RSA-SHA1 with the private key in consumerSecret', method: 'RSA-SHA1' },
];

describe('a passport-oauth1 configuration, unchanged but for the import', () => {
  for (const { title, method, realm } of cases) {
    it(`logs in end to end with ${title}`, async () => {
      const mock = await mockWith({ signatureMethods: [method], ...(realm === undefined ? {} : { realm }) });
      const strategy = new OAuthStrategy(
        {
          requestTokenURL: mock.endpoints.requestToken,
          accessTokenURL: mock.endpoints.accessToken,
          userAuthorizationURL: mock.endpoints.authorize,
          consumerKey: mock.consumer.key,
          // passport-oauth1 takes the RSA private key (PEM) in consumerSecret.
          consumerSecret: (method === 'RSA-SHA1' ? mock.consumer.privateKey : mock.consumer.secret) ?? '',
          callbackURL: 'http://127.0.0.1:3000/auth/provider/callback',
          signatureMethod: method,
          ...(realm === undefined ? {} : { realm }),
        },
        (token, tokenSecret, profile, cb) => {
          cb(null, { token, tokenSecretLength: tokenSecret.length, profile });
        },
      );
      expect(strategy.name).toBe('oauth');
      const agent = supertest.agent(expressApp(strategy));
      const { response } = await browserLogin(agent, mock);

      expect(response.status).toBe(200);
      expect(response.body.user.token).toMatch(/.+/);
      expect(response.body.user.tokenSecretLength).toBeGreaterThan(0);
      // No profile mapping and no userProfile override: {} as in passport-oauth1.
      expect(response.body.user.profile).toEqual({});
      // The login lasts: Passport's session has the user.
      expect((await agent.get('/me')).body.user.token).toBe(response.body.user.token);
      const legs = mock.log.filter((entry) => entry.endpoint !== 'authorize');
      expect(legs.map((entry) => [entry.endpoint, entry.status])).toEqual([
        ['request_token', 200],
        ['access_token', 200],
      ]);
    });
  }

  it('resolves a relative callbackURL against the request, and takes one per login', async () => {
    const mock = await mockWith({});
    const strategy = new OAuthStrategy(
      { ...endpointOptions(mock), callbackURL: '/auth/provider/callback' },
      (_token, _tokenSecret, profile, cb) => cb(null, profile),
    );
    const agent = supertest.agent(
      expressApp(strategy, { login: { callbackURL: '/auth/provider/callback?from=login' } }),
    );
    const { callback, response } = await browserLogin(agent, mock);
    expect(callback.pathname).toBe('/auth/provider/callback');
    expect(callback.searchParams.get('from')).toBe('login');
    expect(callback.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(200);
  });

  it('keeps pending logins under a per-provider key, so two providers log in side by side', async () => {
    const [first, second] = [await mockWith({}), await mockWith({})] as const;
    const keys = new Set<string>();
    const inner = sessionStore();
    const recording: RequestTokenStore = {
      get: (req, token, meta, cb) => {
        keys.add(meta.sessionKey);
        inner.get(req, token, meta, cb);
      },
      set: (req, token, secret, state, meta, cb) => inner.set(req, token, secret, state, meta, cb),
      destroy: (req, token, meta, cb) => inner.destroy(req, token, meta, cb),
    };
    const verify = (
      _t: string,
      _s: string,
      params: Record<string, string>,
      _p: PassportProfile,
      cb: VerifyDone,
    ) => cb(null, { ...params, provider: params.provider });
    const strategy = (mock: MockProvider, name: string) =>
      new OAuthStrategy(
        { ...endpointOptions(mock, `/auth/${name}/callback`), name, requestTokenStore: recording },
        verify,
      );
    // keepSessionInfo: Passport regenerates the session at login, which would drop the other pending login.
    const app = expressApp([strategy(first, 'a'), strategy(second, 'b')], {
      callback: { keepSessionInfo: true },
    });
    const agent = supertest.agent(app);
    // Interleaved in one session: with one shared key (passport-oauth1's 'oauth'), b would overwrite a.
    const toA = await startLogin(agent, first, '/auth/a');
    const toB = await startLogin(agent, second, '/auth/b');
    const backFromB = await decideOnPage(toB, 'approve');
    const backFromA = await decideOnPage(toA, 'approve', '1002');
    expect((await agent.get(pathOf(backFromB))).body.user).toMatchObject({ user_id: '1001' });
    const a = await agent.get(pathOf(backFromA));
    expect(a.body.user).toMatchObject({ user_id: '1002', screen_name: 'grace' });
    expect([...keys].sort()).toEqual(
      [`oauth:${new URL(first.url).host}`, `oauth:${new URL(second.url).host}`].sort(),
    );
  });

  it('adds customHeaders to the token requests', async () => {
    const mock = await mockWith({});
    const seen: string[] = [];
    const strategy = new OAuthStrategy(
      {
        ...endpointOptions(mock),
        customHeaders: { 'User-Agent': 'passport-test/1.0' },
        fetch: (request) => {
          seen.push(request.headers.get('user-agent') ?? '');
          return fetch(request);
        },
      },
      (_t, _s, profile, cb) => cb(null, profile),
    );
    const { response } = await browserLogin(supertest.agent(expressApp(strategy)), mock);
    expect(response.status).toBe(200);
    expect(seen).toEqual(['passport-test/1.0', 'passport-test/1.0']);
  });
});
