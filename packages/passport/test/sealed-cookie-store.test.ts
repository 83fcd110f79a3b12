import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth1Strategy, sealedCookieStore, type VerifyDone } from '../src/index.js';
import { browserLogin, decideOnPage, endpointOptions, expressApp, pathOf } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

const password = 'a-password-of-at-least-32-characters!';

function cookielessApp(secure?: boolean) {
  const store = sealedCookieStore({ password, ...(secure === undefined ? {} : { secure }) });
  const strategy = new OAuth1Strategy(
    { ...endpointOptions(mock), requestTokenStore: store },
    (
      _token: string,
      _tokenSecret: string,
      params: Record<string, string>,
      _profile: unknown,
      done: VerifyDone,
    ) => done(null, { id: params.user_id, username: params.screen_name }),
  );
  return expressApp(strategy, { session: false });
}

const cookieName = () => `oauth_${new URL(mock.url).host.replace(':', '_')}`;

describe('sealedCookieStore: no server session', () => {
  it('logs in with no session middleware at all', async () => {
    const { response } = await browserLogin(supertest.agent(cookielessApp(false)), mock);
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ id: '1001', username: 'ada' });
  });

  it('seals into a per-provider HttpOnly, SameSite=Lax, Secure cookie and clears it at the callback', async () => {
    const start = await supertest(cookielessApp()).get('/auth/provider');
    expect(start.status).toBe(302);
    const cookie = ([] as string[]).concat(start.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie.startsWith(`${cookieName()}=Fe26.2*`)).toBe(true);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Secure/);
    // The request token secret is not readable in it.
    expect(cookie).not.toMatch(/requestTokenSecret/);

    const back = await decideOnPage(new URL(start.headers.location ?? ''), 'approve');
    const done = await supertest(cookielessApp())
      .get(pathOf(back))
      .set('Cookie', cookie.split(';')[0] ?? '');
    expect(done.status).toBe(200);
    const cleared = ([] as string[]).concat(done.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cleared).toMatch(new RegExp(`^${cookieName()}=; Max-Age=0`));
  });

  it('a tampered cookie reads as no pending authorization: fail()', async () => {
    const app = cookielessApp();
    const start = await supertest(app).get('/auth/provider');
    const cookie = (([] as string[]).concat(start.headers['set-cookie'] ?? [])[0] ?? '').split(';')[0] ?? '';
    const back = await decideOnPage(new URL(start.headers.location ?? ''), 'approve');
    const tampered = `${cookie.slice(0, -4)}AAAA`;
    const response = await supertest(app).get(pathOf(back)).set('Cookie', tampered);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/login-failed');
  });

  it('a replay in the same browser fails: the callback cleared the cookie', async () => {
    const agent = supertest.agent(cookielessApp(false));
    const { callback, response } = await browserLogin(agent, mock);
    expect(response.status).toBe(200);
    expect((await agent.get(pathOf(callback))).headers.location).toBe('/login-failed');
  });

  it('refuses a short password with what to do instead', () => {
    expect(() => sealedCookieStore({ password: 'short' })).toThrow(/at least 32 characters/);
  });
});
