// The one adapter suite: every case runs through a real app of each framework major (see driver.ts)
// against real mock providers on 127.0.0.1.
import { format } from 'node:util';
import {
  generateRsaKeyPair,
  type MockProvider,
  type MockProviderOptions,
  startMockProvider,
} from '@oauth1a/mock-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AccessCredentials, type OAuth1HandlerOptions, SIGNATURE_METHODS } from '../../src/index.js';
import { ATTACKS } from './attacks/index.js';
import { Browser, listen, type RunningApp } from './browser.js';
import { BASE, OTHER_PASSWORD, PASSWORD, type SuiteContext } from './context.js';
import { type AdapterDriver, type AppSetup, ECHO_FORM } from './driver.js';

const USERS = [
  { id: '1001', screenName: 'ada', name: 'Ada Lovelace' },
  ...Array.from({ length: 200 }, (_, i) => ({
    id: String(5000 + i),
    screenName: `user${i}`,
    name: `User ${i}`,
  })),
];
const ECHO_QUERY = `q=${encodeURIComponent('ü 日本')}&dup=1&dup=2&plus=a%2Bb&space=a+b&tilde=~&star=*`;
const METHODS = SIGNATURE_METHODS;

export function runAdapterSuite(driver: AdapterDriver): void {
  describe(`oauth1a adapter suite: ${driver.name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    let mock: MockProvider;
    let app: RunningApp;

    async function startMock(options: MockProviderOptions = {}): Promise<MockProvider> {
      const started = await startMockProvider({ users: USERS, ...options });
      closers.push(() => started.close());
      return started;
    }

    function options(from: MockProvider, extra: Partial<OAuth1HandlerOptions> = {}): OAuth1HandlerOptions {
      return { provider: from.provider, consumer: from.consumer, session: { password: PASSWORD }, ...extra };
    }

    async function startApp(setup: AppSetup): Promise<RunningApp> {
      const running = await listen(driver.createApp(setup));
      closers.push(() => running.close());
      return running;
    }

    /** login -> approve as `userId` -> callback; returns the callback's answer. */
    async function signIn(browser: Browser, from = mock, userId = '1001', basePath = BASE, query = '') {
      const { answer, requestToken } = await browser.login(basePath, query);
      expect(answer.status, answer.text).toBe(302);
      return browser.callback(from.approve(requestToken, userId));
    }

    const accessTokenRequests = (from: MockProvider) =>
      from.log.filter((entry) => entry.endpoint === 'access_token').length;

    beforeAll(async () => {
      mock = await startMock();
      app = await startApp({ mounts: [options(mock)] });
    });

    // One file per attack (attacks/*.ts), each on the same apps and mock provider.
    const context: SuiteContext = {
      driver,
      get mock() {
        return mock;
      },
      get app() {
        return app;
      },
      startMock,
      startApp,
      options,
      signIn,
      accessTokenRequests,
    };
    for (const [name, attack] of Object.entries(ATTACKS)) describe(name, () => attack(context));
    afterAll(async () => {
      await Promise.all(closers.map((close) => close()));
    });

    describe('happy path per signature method, and a signed call that arrives intact', () => {
      let rsa: { privateKey: string };
      beforeAll(() => {
        rsa = generateRsaKeyPair();
      });
      it.each(METHODS)('%s', async (method) => {
        const consumer = method.startsWith('RSA-')
          ? { key: `ck-${method}`, privateKey: rsa.privateKey }
          : { key: `ck-${method}`, secret: `cs-${method}-secret` };
        const own = await startMock({ signatureMethods: [method], consumers: [consumer] });
        const ownApp = await startApp({
          mounts: [options(own, { provider: { ...own.provider, signatureMethod: method } })],
        });
        const browser = new Browser(ownApp.url);
        const callback = await signIn(browser, own, '1001', BASE, '?returnTo=%2Fdashboard%3Ftab%3D1');
        expect(callback.status).toBe(302);
        expect(callback.location).toBe('/dashboard?tab=1');
        const me = await browser.get(`/me?ids=mock`);
        expect(me.json).toMatchObject({
          first: { authorized: true, profile: { id: '1001', name: 'ada' }, userId: '1001' },
          providers: { mock: { authorized: true } },
        });
        const target = encodeURIComponent(`${own.endpoints.echo}?${ECHO_QUERY}`);
        const { json } = await browser.get(`/echo?target=${target}`);
        expect(json.status).toBe(200);
        expect(json.echo).toMatchObject({
          signatureMethod: method,
          userId: '1001',
          query: [
            ['q', 'ü 日本'],
            ['dup', '1'],
            ['dup', '2'],
            ['plus', 'a+b'],
            ['space', 'a b'],
            ['tilde', '~'],
            ['star', '*'],
          ],
          form: ECHO_FORM,
        });
      });
    });

    describe('security', () => {
      it("refuses a callback carrying another session's request token: 403 token_mismatch, no access-token request", async () => {
        const victim = new Browser(app.url);
        const attacker = new Browser(app.url);
        await victim.login(BASE);
        const { requestToken } = await attacker.login(BASE);
        const before = accessTokenRequests(mock);
        const answer = await victim.callback(mock.approve(requestToken, '1001'));
        expect(answer.status).toBe(403);
        expect(answer.json.error?.code).toBe('token_mismatch');
        expect(accessTokenRequests(mock)).toBe(before);
        expect((await victim.get('/me')).json).toMatchObject({ first: { authorized: false } });
      });

      it('answers a replayed callback with no_pending_authorization, with the old cookie or without', async () => {
        const browser = new Browser(app.url);
        const { requestToken } = await browser.login(BASE);
        const oldCookies = new Map(browser.cookies);
        const callbackUrl = mock.approve(requestToken, '1001');
        expect((await browser.callback(callbackUrl)).status).toBe(302);
        const again = await browser.callback(callbackUrl);
        expect(again.json.error?.code).toBe('no_pending_authorization');
        const replayer = new Browser(app.url);
        for (const [name, value] of oldCookies) replayer.cookies.set(name, value);
        const replay = await replayer.callback(callbackUrl);
        expect(replay.status).toBe(400);
        expect(replay.json.error?.code).toBe('no_pending_authorization');
      });

      it('counts a tampered or forged cookie as no session', async () => {
        const browser = new Browser(app.url);
        const { requestToken } = await browser.login(BASE);
        const pending = browser.cookie('oauth1a_mock_pending') ?? '';
        browser.cookies.set(
          'oauth1a_mock_pending',
          `${pending.slice(0, -3)}${pending.endsWith('AAA') ? 'BBB' : 'AAA'}`,
        );
        const tampered = await browser.callback(mock.approve(requestToken, '1001'));
        expect(tampered.json.error?.code).toBe('no_pending_authorization');

        const forgerApp = await startApp({
          mounts: [options(mock, { session: { password: OTHER_PASSWORD } })],
        });
        const forger = new Browser(forgerApp.url);
        await signIn(forger);
        expect((await forger.get('/me')).json).toMatchObject({ first: { authorized: true } });
        const victim = new Browser(app.url);
        victim.cookies.set('oauth1a_mock', forger.cookie('oauth1a_mock') ?? '');
        expect((await victim.get('/me')).json).toMatchObject({ first: { authorized: false } });
        victim.cookies.set('oauth1a_mock', 'Fe26.2**garbage*');
        expect((await victim.get('/me')).json).toMatchObject({ first: { authorized: false } });
      });

      it('answers authorization_expired once the pending authorization is older than its TTL', async () => {
        let now = Date.now();
        const clockApp = await startApp({ mounts: [options(mock, { now: () => now })] });
        const browser = new Browser(clockApp.url);
        const { requestToken } = await browser.login(BASE);
        now += 11 * 60 * 1000;
        const before = accessTokenRequests(mock);
        const answer = await browser.callback(mock.approve(requestToken, '1001'));
        expect(answer.status).toBe(400);
        expect(answer.json.error?.code).toBe('authorization_expired');
        expect(accessTokenRequests(mock)).toBe(before);
      });

      it('passes a denial to onError as access_denied', async () => {
        const codes: string[] = [];
        const deniedApp = await startApp({
          mounts: [
            options(mock, {
              onError: (error) => {
                codes.push(error.code);
                return Response.json({ handled: error.code }, { status: 403 });
              },
            }),
          ],
        });
        const browser = new Browser(deniedApp.url);
        const { requestToken } = await browser.login(BASE);
        const answer = await browser.callback(mock.deny(requestToken));
        expect(answer.status).toBe(403);
        expect(answer.json).toEqual({ handled: 'access_denied' });
        expect(codes).toEqual(['access_denied']);
        expect(browser.cookie('oauth1a_mock_pending')).toBeUndefined();
      });

      it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])(
        'ignores returnTo=%s',
        async (returnTo) => {
          const answer = await signIn(
            new Browser(app.url),
            mock,
            '1001',
            BASE,
            `?returnTo=${encodeURIComponent(returnTo)}`,
          );
          expect(answer.status).toBe(302);
          expect(answer.location).toBe('/');
        },
      );

      it('sets HttpOnly, SameSite=Lax, Path=/ and Secure only on https (trust proxy) or secure: true', async () => {
        const plain = await new Browser(app.url).login(BASE);
        const attributes = (cookie: string | undefined) => cookie?.split(/;\s*/).slice(1) ?? [];
        expect(attributes(plain.answer.setCookies[0])).toEqual(
          expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']),
        );
        expect(attributes(plain.answer.setCookies[0])).not.toContain('Secure');
        // X-Forwarded-Proto counts only behind trust proxy.
        const spoofed = await new Browser(app.url).login(BASE, '', { 'x-forwarded-proto': 'https' });
        expect(attributes(spoofed.answer.setCookies[0])).not.toContain('Secure');

        const proxied = await startApp({ mounts: [options(mock)], trustProxy: true });
        const browser = new Browser(proxied.url);
        const https = { 'x-forwarded-proto': 'https' };
        const { answer, requestToken } = await browser.login(BASE, '', https);
        expect(attributes(answer.setCookies[0])).toEqual(
          expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']),
        );
        const callbackUrl = mock.approve(requestToken, '1001');
        expect(callbackUrl.startsWith(`https://${new URL(proxied.url).host}${BASE}/callback`)).toBe(true);
        const callback = await browser.callback(callbackUrl, https);
        expect(callback.status).toBe(302);
        for (const cookie of callback.setCookies)
          expect(attributes(cookie)).toEqual(
            expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']),
          );

        const forced = await startApp({
          mounts: [options(mock, { session: { password: PASSWORD, secure: true } })],
        });
        const secure = await new Browser(forced.url).login(BASE);
        expect(attributes(secure.answer.setCookies[0])).toContain('Secure');
      });

      it('never shows a secret in a response, header or log line, nor an access token in a URL', async () => {
        const secrets = new Set<string>([mock.consumer.secret ?? '']);
        const accessTokens: string[] = [];
        const lines: string[] = [];
        const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
          vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
            lines.push(format(...args));
          }),
        );
        try {
          const recordingFetch = async (request: Request): Promise<Response> => {
            const response = await fetch(request);
            const secret = new URLSearchParams(await response.clone().text()).get('oauth_token_secret');
            if (secret) secrets.add(secret);
            return response;
          };
          const audited = await startApp({
            mounts: [
              options(mock, {
                fetch: recordingFetch,
                onAuthorized: (credentials: AccessCredentials) => {
                  secrets.add(credentials.tokenSecret);
                  accessTokens.push(credentials.token);
                },
              }),
            ],
          });
          const transcript: string[] = [];
          const browser = new Browser(audited.url, transcript);
          await signIn(browser);
          await browser.get(`/echo?target=${encodeURIComponent(mock.endpoints.echo)}`);
          await browser.get('/me?ids=mock');
          const other = new Browser(audited.url, transcript);
          await other.login(BASE);
          const { requestToken } = await new Browser(audited.url, transcript).login(BASE);
          await other.callback(mock.approve(requestToken, '1001'));
          await browser.callback(mock.approve((await browser.login(BASE)).requestToken, '1001'), {
            accept: 'text/html',
          });
          const denied = new Browser(audited.url, transcript);
          await denied.callback(mock.deny((await denied.login(BASE)).requestToken));
          await browser.post(`${BASE}/logout`);
          expect(secrets.size).toBeGreaterThanOrEqual(4);
          expect(accessTokens.length).toBe(2);
          const everything = [...transcript, ...lines].join('\n');
          for (const secret of secrets) expect(everything).not.toContain(secret);
          for (const entry of transcript) {
            const location = /"location":"([^"]*)"/.exec(entry)?.[1] ?? '';
            for (const token of accessTokens) expect(location).not.toContain(token);
          }
        } finally {
          for (const spy of spies) spy.mockRestore();
        }
      });
    });

    describe('configuration', () => {
      it('refuses a session.password under 32 characters at startup with invalid_config', () => {
        expect(() =>
          driver.createApp({ mounts: [options(mock, { session: { password: 'short' } })] }),
        ).toThrow(/at least 32 characters.*invalid_config/);
      });

      it('rotates passwords: { 1: old, 2: new } reads what the old password sealed', async () => {
        const oldApp = await startApp({ mounts: [options(mock, { session: { password: OTHER_PASSWORD } })] });
        const rotated = await startApp({
          mounts: [options(mock, { session: { password: { 1: OTHER_PASSWORD, 2: PASSWORD } } })],
        });
        // A credentials cookie sealed with the old password still reads.
        const signedIn = new Browser(oldApp.url);
        await signIn(signedIn);
        const moved = new Browser(rotated.url);
        moved.cookies.set('oauth1a_mock', signedIn.cookie('oauth1a_mock') ?? '');
        expect((await moved.get('/me')).json).toMatchObject({ first: { authorized: true } });
        // A pending cookie sealed with the old password completes on the rotated app, which seals anew.
        const browser = new Browser(oldApp.url);
        const { requestToken } = await browser.login(BASE);
        const rotatedBrowser = new Browser(rotated.url);
        rotatedBrowser.cookies.set('oauth1a_mock_pending', browser.cookie('oauth1a_mock_pending') ?? '');
        expect((await rotatedBrowser.callback(mock.approve(requestToken, '1001'))).status).toBe(302);
        expect((await rotatedBrowser.get('/me')).json).toMatchObject({ first: { authorized: true } });
        const back = new Browser(oldApp.url);
        back.cookies.set('oauth1a_mock', rotatedBrowser.cookie('oauth1a_mock') ?? '');
        expect((await back.get('/me')).json).toMatchObject({ first: { authorized: false } });
      });

      it('GET login answers 405 under loginRequiresPost; POST starts the login', async () => {
        const postApp = await startApp({ mounts: [options(mock, { loginRequiresPost: true })] });
        const browser = new Browser(postApp.url);
        const get = await browser.get(`${BASE}/login`);
        expect(get.status).toBe(405);
        expect(get.headers.allow).toBe('POST');
        const post = await browser.post(`${BASE}/login`);
        expect(post.status).toBe(302);
        expect(post.location?.startsWith(mock.endpoints.authorize)).toBe(true);
      });

      it('keeps credentials in the app database with onAuthorized + loadCredentials: no credentials cookie', async () => {
        const database = new Map<string, AccessCredentials>();
        const userOf = (request: Request) =>
          /app_user=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? '';
        const dbApp = await startApp({
          mounts: [
            options(mock, {
              onAuthorized: (credentials, request) => {
                database.set(userOf(request), credentials);
              },
              loadCredentials: (request) => database.get(userOf(request)),
            }),
          ],
        });
        const browser = new Browser(dbApp.url);
        browser.cookies.set('app_user', 'alice');
        const callback = await signIn(browser, mock, '5007');
        expect(callback.status).toBe(302);
        expect(callback.setCookies.some((cookie) => /^oauth1a_mock=[^;]/.test(cookie))).toBe(false);
        expect(browser.cookie('oauth1a_mock')).toBeUndefined();
        expect(database.get('alice')?.profile).toEqual({ id: '5007', name: 'user7' });
        expect((await browser.get('/me')).json).toMatchObject({
          first: { authorized: true, userId: '5007' },
        });
        const { json } = await browser.get(`/echo?target=${encodeURIComponent(mock.endpoints.echo)}`);
        expect(json.echo).toMatchObject({ userId: '5007' });
      });

      it('hands a non-OAuth fault (a throwing loadCredentials) to the framework: 500', async () => {
        const faultyApp = await startApp({
          mounts: [
            options(mock, {
              loadCredentials: () => {
                throw new Error('database down');
              },
            }),
          ],
        });
        const answer = await new Browser(faultyApp.url).get('/me');
        // The framework's own error handler answers (its dev page may show the message; that is its call).
        expect(answer.status).toBe(500);
        expect(answer.json.error).toBeUndefined();
      });

      it('logs out: POST logout clears both cookies', async () => {
        const browser = new Browser(app.url);
        await signIn(browser);
        const answer = await browser.post(`${BASE}/logout`);
        expect(answer.status).toBe(200);
        expect(answer.json).toEqual({ authorized: false });
        expect(browser.cookies.size).toBe(0);
        expect((await browser.get('/me')).json).toMatchObject({ first: { authorized: false } });
        const { json } = await browser.get(`/echo?target=${encodeURIComponent(mock.endpoints.echo)}`);
        expect(json).toEqual({ error: 'not_authorized' });
      });
    });

    describe('diagnostics', () => {
      it('answers a callback without its pending cookie with no_pending_authorization naming the likely causes', async () => {
        const { requestToken } = await new Browser(app.url).login(BASE);
        const answer = await new Browser(app.url).callback(mock.approve(requestToken, '1001'));
        expect(answer.status).toBe(400);
        expect(answer.json.error?.code).toBe('no_pending_authorization');
        expect(answer.json.error?.message).toMatch(/127\.0\.0\.1 and localhost do not share cookies/);
      });

      it('fails a login on 127.0.0.1 whose callbackUrl is on localhost, before any provider request', async () => {
        const port = new URL(app.url).port;
        const misApp = await startApp({
          mounts: [options(mock, { callbackUrl: `http://localhost:${port}${BASE}/callback` })],
        });
        const before = mock.log.length;
        const { answer } = await new Browser(misApp.url).login(BASE);
        expect(answer.status).toBe(500);
        expect(answer.json.error?.code).toBe('invalid_config');
        expect(answer.json.error?.message).toMatch(/localhost/);
        expect(mock.log.length).toBe(before);
      });
    });

    describe('two providers side by side', () => {
      it('keeps a cookie, a basePath and a signed client per provider', async () => {
        const x = await startMock();
        const trello = await startMock();
        const twoApp = await startApp({
          mounts: [
            options(x, { provider: { ...x.provider, id: 'x', name: 'X' } }),
            options(trello, { provider: { ...trello.provider, id: 'trello', name: 'Trello' } }),
          ],
        });
        const browser = new Browser(twoApp.url);
        await signIn(browser, x, '5001', '/auth/x');
        expect((await browser.get('/me?ids=x,trello')).json).toMatchObject({
          first: { authorized: true, userId: '5001' },
          providers: { x: { authorized: true }, trello: { authorized: false } },
        });
        await signIn(browser, trello, '5002', '/auth/trello');
        expect([...browser.cookies.keys()].sort()).toEqual(['oauth1a_trello', 'oauth1a_x']);
        expect((await browser.get('/me?ids=x,trello')).json).toMatchObject({
          first: { profile: { id: '5001' } },
          providers: {
            x: { userId: '5001' },
            trello: { userId: '5002', profile: { id: '5002', name: 'user2' } },
          },
        });
        const viaTrello = await browser.get(
          `/echo?provider=trello&target=${encodeURIComponent(trello.endpoints.echo)}`,
        );
        expect(viaTrello.json.echo).toMatchObject({ consumerKey: trello.consumer.key, userId: '5002' });
        const viaFirst = await browser.get(`/echo?target=${encodeURIComponent(x.endpoints.echo)}`);
        expect(viaFirst.json.echo).toMatchObject({ consumerKey: x.consumer.key, userId: '5001' });
        // Logging out of one leaves the other.
        await browser.post('/auth/x/logout');
        expect((await browser.get('/me?ids=x,trello')).json).toMatchObject({
          providers: { x: { authorized: false }, trello: { authorized: true } },
        });
      });
    });

    it('completes 200 simultaneous flows, each as its own user, without cross-talk', async () => {
      const flows = USERS.slice(1).map(async (user) => {
        const browser = new Browser(app.url);
        const { requestToken } = await browser.login(BASE);
        const callback = await browser.callback(mock.approve(requestToken, user.id));
        expect(callback.status).toBe(302);
        return { user, me: (await browser.get('/me')).json };
      });
      for (const { user, me } of await Promise.all(flows)) {
        expect(me).toMatchObject({ first: { authorized: true, userId: user.id, profile: { id: user.id } } });
      }
    });

    describe('cookie size', () => {
      it('keeps large credentials plus a profile under 4096 bytes', async () => {
        const large = await startMock({ extraTokenParams: { bio: 'x'.repeat(1200), org: 'ü'.repeat(100) } });
        const largeApp = await startApp({ mounts: [options(large)] });
        const browser = new Browser(largeApp.url);
        const callback = await signIn(browser, large);
        const cookie = callback.setCookies.find((value) => value.startsWith('oauth1a_mock='));
        expect(cookie).toBeDefined();
        expect(Buffer.byteLength(cookie ?? '')).toBeLessThan(4096);
        expect((await browser.get('/me')).json).toMatchObject({
          first: { authorized: true, profile: { id: '1001' } },
        });
      });

      it('fails clearly with session_too_large when the provider sends huge token params', async () => {
        const huge = await startMock({ extraTokenParams: { bio: 'x'.repeat(6000) } });
        const hugeApp = await startApp({ mounts: [options(huge)] });
        const browser = new Browser(hugeApp.url);
        const callback = await signIn(browser, huge);
        expect(callback.status).toBe(500);
        expect(callback.json.error?.code).toBe('session_too_large');
        expect(callback.json.error?.message).toMatch(/onAuthorized and loadCredentials/);
        expect(callback.setCookies.every((value) => Buffer.byteLength(value) < 4096)).toBe(true);
        expect((await browser.get('/me')).json).toMatchObject({ first: { authorized: false } });
      });
    });
  });
}
