// Attack (issue 11, finding 14): one strategy's sealed pending cookie, renamed, must not be accepted by
// another strategy (another provider, consumer or session key) sharing the same password.
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth1Strategy, sealedCookieStore } from '../src/index.js';
import { decideOnPage, endpointOptions, expressApp } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

const password = 'one password shared by both strategies!!';

function strategy(name: string) {
  return new OAuth1Strategy(
    {
      ...endpointOptions(mock, `http://127.0.0.1/auth/${name}/callback`),
      name,
      sessionKey: `oauth:${name}`,
      requestTokenStore: sealedCookieStore({ password, secure: false }),
    },
    (_t, _s, profile, done) => done(null, { via: name, profile }),
  );
}

describe("sealedCookieStore binds its seal to the strategy's provider and key", () => {
  it("strategy b refuses strategy a's cookie under its own name", async () => {
    const app = expressApp([strategy('a'), strategy('b')], { session: false });
    const start = await supertest(app).get('/auth/a');
    expect(start.status).toBe(302);
    const cookie = ([] as string[]).concat(start.headers['set-cookie'] ?? [])[0] ?? '';
    const seal = cookie.split(';')[0]?.split('=').slice(1).join('=') ?? '';
    expect(seal).toMatch(/^Fe26\.2\*/);
    const back = await decideOnPage(new URL(start.headers.location ?? ''), 'approve');
    // The attacker plants a's seal as b's cookie and replays the approved callback on b.
    const response = await supertest(app)
      .get(`/auth/b/callback${back.search}`)
      .set('Cookie', `oauth_b=${seal}`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/login-failed');
    // The same seal still works for a, so the refusal above is the binding, not a broken seal.
    const own = await supertest(app).get(`/auth/a/callback${back.search}`).set('Cookie', `oauth_a=${seal}`);
    expect(own.status).toBe(200);
    expect(own.body.user.via).toBe('a');
  });
});
