// Issue 13, items 3-5: passport-oauth1's request-token store interface, `store: true` and
// authenticate(req, { state }), its session layout, and a missing callbackURL.
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OAuth1Strategy,
  type OAuth1StrategyOptions,
  type RequestTokenStore,
  type StoreMeta,
  type VerifyDone,
} from '../src/index.js';
import { browserLogin, decideOnPage, endpointOptions, expressApp, pathOf, startLogin } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

const verify = (token: string, _s: string, params: Record<string, string>, _p: unknown, done: VerifyDone) =>
  done(null, { token, id: params.user_id });

function strategy(extra: Partial<OAuth1StrategyOptions> = {}) {
  return new OAuth1Strategy({ ...endpointOptions(mock), ...extra } as OAuth1StrategyOptions, verify);
}

describe("passport-oauth1's store interface", () => {
  it('a custom store gets get/set/destroy with req, token, meta and the state', async () => {
    const entries = new Map<string, { secret: string; state: unknown }>();
    const calls: string[] = [];
    const metas: StoreMeta[] = [];
    const store: RequestTokenStore = {
      get(_req, token, meta, cb) {
        calls.push('get');
        metas.push(meta);
        const entry = entries.get(token);
        cb(null, entry?.secret, entry?.state);
      },
      set(_req, token, tokenSecret, state, meta, cb) {
        calls.push('set');
        metas.push(meta);
        entries.set(token, { secret: tokenSecret, state });
        cb();
      },
      destroy(_req, token, _meta, cb) {
        calls.push('destroy');
        entries.delete(token);
        cb();
      },
    };
    const app = expressApp(strategy({ store }), { login: { state: { returnTo: '/settings' } } });
    app.get('/info', (req, res) => {
      res.json(req.authInfo ?? null);
    });
    const agent = supertest.agent(app);
    const { response } = await browserLogin(agent, mock);
    expect(response.status).toBe(200);
    // The state comes back in info.state (req.authInfo), as passport-oauth1 does.
    expect(response.body.authInfo).toEqual({ state: { returnTo: '/settings' } });
    // destroy before the access-token request: the entry is single use.
    expect(calls).toEqual(['set', 'get', 'destroy']);
    expect(entries.size).toBe(0);
    expect(metas[0]).toMatchObject({
      requestTokenURL: mock.endpoints.requestToken,
      accessTokenURL: mock.endpoints.accessToken,
      userAuthorizationURL: mock.endpoints.authorize,
      consumerKey: mock.consumer.key,
      callbackURL: 'http://127.0.0.1/auth/provider/callback',
    });
  });

  it("a store's short forms (get(req, token, cb), set(req, token, secret, cb)) are called by arity", async () => {
    const secrets = new Map<string, string>();
    const store = {
      get: (_req: unknown, token: string, cb: (e: null, s?: string) => void) => cb(null, secrets.get(token)),
      set: (_req: unknown, token: string, secret: string, cb: () => void) => {
        secrets.set(token, secret);
        cb();
      },
      destroy: (_req: unknown, token: string, cb: () => void) => {
        secrets.delete(token);
        cb();
      },
    } as unknown as RequestTokenStore;
    const { response } = await browserLogin(supertest.agent(expressApp(strategy({ store }))), mock);
    expect(response.body.user.id).toBe('1001');
  });

  it('a store that finds no secret fails with its state, 403 (passport-oauth1)', async () => {
    const store: RequestTokenStore = {
      get: (_req, _token, _meta, cb) => cb(null, undefined, { message: 'unknown token' }),
      set: (_req, _token, _secret, _state, _meta, cb) => cb(),
      destroy: (_req, _token, _meta, cb) => cb(),
    };
    const app = expressApp(strategy({ store }), { callback: { failureRedirect: undefined } });
    const response = await supertest(app).get('/auth/provider/callback?oauth_token=t&oauth_verifier=v');
    expect(response.status).toBe(403);
  });

  it('store: true keeps authenticate state in the session store', async () => {
    const app = expressApp(strategy({ store: true }), { login: { state: 'opaque' } });
    const { response } = await browserLogin(supertest.agent(app), mock);
    expect(response.body.authInfo).toEqual({ state: 'opaque' });
  });

  it("keeps passport-oauth1's session layout under 'oauth:' + host, binding data beside it", async () => {
    const app = expressApp(strategy());
    app.get('/session', (req, res) => {
      res.json(req.session);
    });
    const agent = supertest.agent(app);
    const location = await startLogin(agent, mock);
    const session = (await agent.get('/session')).body as Record<string, Record<string, unknown>>;
    const entry = session[`oauth:${new URL(mock.url).host}`];
    expect(entry).toMatchObject({ oauth_token: location.searchParams.get('oauth_token') });
    expect(typeof entry?.oauth_token_secret).toBe('string');
    expect(typeof entry?.createdAt).toBe('number');
    expect(typeof entry?.boundTo).toBe('string');
    const back = await decideOnPage(location, 'approve');
    expect((await agent.get(pathOf(back))).status).toBe(200);
    expect((await agent.get('/session')).body[`oauth:${new URL(mock.url).host}`]).toBeUndefined();
  });

  it('sessionKey moves the entry, as in passport-oauth1', async () => {
    const app = expressApp(strategy({ sessionKey: 'oauth:mine' }));
    app.get('/session', (req, res) => {
      res.json(req.session);
    });
    const agent = supertest.agent(app);
    await startLogin(agent, mock);
    expect(Object.keys((await agent.get('/session')).body)).toContain('oauth:mine');
  });

  it('refuses a requestTokenStore without get/set/destroy with what to pass', () => {
    expect(() =>
      strategy({ requestTokenStore: { load() {}, save() {} } as unknown as RequestTokenStore }),
    ).toThrow(/get\(req, token, meta, cb\).*sealedCookieStore/);
  });
});

describe('callbackURL is optional, as in passport-oauth1', () => {
  it('sends oauth_callback="" (the provider uses the registered callback)', async () => {
    const sent: string[] = [];
    const { callbackURL: _none, ...options } = endpointOptions(mock);
    const withoutCallback = new OAuth1Strategy(
      {
        ...options,
        fetch: async (request) => {
          sent.push(request.headers.get('authorization') ?? '');
          return new Response('oauth_token=rt&oauth_token_secret=rs&oauth_callback_confirmed=true', {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
        },
      },
      verify,
    );
    const response = await supertest(expressApp(withoutCallback)).get('/auth/provider');
    expect(response.status).toBe(302);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('oauth_callback=""');
    const location = new URL(response.headers.location ?? '');
    expect(location.searchParams.get('oauth_token')).toBe('rt');
    expect(location.searchParams.has('oauth_callback')).toBe(false);
  });
});
