// Attack (issue 11, findings 1 and 3): the oauth_callback sent to the provider must never be built from
// a Host (or X-Forwarded-Host) an attacker chose. A relative callbackURL is resolved against the
// request's origin only when that origin is a loopback host; otherwise the login is refused.
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth1Strategy } from '../src/index.js';
import { decideOnPage, endpointOptions, expressApp } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

function relativeStrategy(extra: Record<string, unknown> = {}) {
  return new OAuth1Strategy(
    { ...endpointOptions(mock, '/auth/provider/callback'), ...extra },
    (_t, _s, profile, done) => done(null, profile ?? {}),
  );
}

const requestTokenCalls = () => mock.log.filter((entry) => entry.endpoint === 'request_token').length;

describe('a relative callbackURL and the request host', () => {
  it('a forged Host never reaches the provider as the callback: the login is refused', async () => {
    const before = requestTokenCalls();
    const response = await supertest(expressApp(relativeStrategy()))
      .get('/auth/provider')
      .set('Host', 'evil.example');
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('invalid_config');
    expect(response.body.message).toMatch(/callbackURL.*absolute/);
    expect(requestTokenCalls()).toBe(before);
  });

  it('a loopback Host stands in for the origin (local development stays one line)', async () => {
    const response = await supertest(expressApp(relativeStrategy()))
      .get('/auth/provider')
      .set('Host', '127.0.0.1:3999');
    expect(response.status).toBe(302);
    const back = await decideOnPage(new URL(response.headers.location ?? ''), 'approve');
    expect(back.origin).toBe('http://127.0.0.1:3999');
  });

  it('the origin option resolves a relative callbackURL for a public host', async () => {
    const strategy = relativeStrategy({ origin: 'https://app.example.com' });
    const response = await supertest(expressApp(strategy)).get('/auth/provider').set('Host', 'evil.example');
    expect(response.status).toBe(302);
    const back = await decideOnPage(new URL(response.headers.location ?? ''), 'approve');
    expect(back.href).toMatch(/^https:\/\/app\.example\.com\/auth\/provider\/callback\?/);
  });

  it("X-Forwarded-Host counts only when Express's trust proxy trusts the client", async () => {
    const app = expressApp(relativeStrategy());
    // Trusts one proxy address; the client (127.0.0.1) is not it, so Express ignores X-Forwarded-*.
    app.set('trust proxy', '10.9.8.7');
    const response = await supertest(app)
      .get('/auth/provider')
      .set('Host', '127.0.0.1:4001')
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'https');
    expect(response.status).toBe(302);
    const back = await decideOnPage(new URL(response.headers.location ?? ''), 'approve');
    expect(back.origin).toBe('http://127.0.0.1:4001');
  });

  it('a trusted proxy naming a public host is refused too (configure callbackURL or origin)', async () => {
    const app = expressApp(relativeStrategy());
    app.set('trust proxy', true);
    const before = requestTokenCalls();
    const response = await supertest(app)
      .get('/auth/provider')
      .set('Host', '127.0.0.1:4001')
      .set('X-Forwarded-Host', 'evil.example');
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('invalid_config');
    expect(requestTokenCalls()).toBe(before);
  });

  it('refuses an origin option that is not a bare origin, with what to pass', () => {
    expect(() => relativeStrategy({ origin: 'https://app.example.com/auth' })).toThrow(
      /origin must be your app's public origin, such as https:\/\/app\.example\.com/,
    );
    expect(() => relativeStrategy({ origin: 'app.example.com' })).toThrow(/public origin/);
  });
});
