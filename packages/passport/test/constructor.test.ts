// Issue 13, item 8: passport-oauth1's constructor messages, which people search for when they debug.
import { describe, expect, it } from 'vitest';
import { OAuthStrategy } from '../src/index.js';

const complete = {
  requestTokenURL: 'https://api.example.com/oauth/request_token',
  accessTokenURL: 'https://api.example.com/oauth/access_token',
  userAuthorizationURL: 'https://api.example.com/oauth/authorize',
  consumerKey: 'key',
  consumerSecret: 'secret',
};
const verify = () => {};
type Loose = new (options?: unknown, verify?: unknown) => unknown;

describe("constructor errors in passport-oauth1's words", () => {
  const cases: [string, unknown, unknown, RegExp][] = [
    ['no verify callback', complete, undefined, /^OAuthStrategy requires a verify callback$/],
    [
      'only a verify callback',
      verify,
      undefined,
      /^OAuthStrategy requires options before the verify callback/,
    ],
    [
      'no requestTokenURL',
      { ...complete, requestTokenURL: undefined },
      verify,
      /^OAuthStrategy requires a requestTokenURL option$/,
    ],
    [
      'no accessTokenURL',
      { ...complete, accessTokenURL: '' },
      verify,
      /^OAuthStrategy requires a accessTokenURL option$/,
    ],
    [
      'no userAuthorizationURL',
      { ...complete, userAuthorizationURL: undefined },
      verify,
      /^OAuthStrategy requires a userAuthorizationURL option$/,
    ],
    [
      'no consumerKey',
      { ...complete, consumerKey: undefined },
      verify,
      /^OAuthStrategy requires a consumerKey option$/,
    ],
    [
      'no consumerSecret',
      { ...complete, consumerSecret: undefined },
      verify,
      /^OAuthStrategy requires a consumerSecret option$/,
    ],
  ];
  for (const [title, options, callback, message] of cases) {
    it(title, () => {
      expect(() => new (OAuthStrategy as unknown as Loose)(options, callback)).toThrow(message);
    });
  }

  it('a session-less request says to mount session support, in passport-oauth1 words', async () => {
    const { default: express } = await import('express');
    const { default: supertest } = await import('supertest');
    const { Passport } = await import('passport');
    const passport = new Passport();
    passport.use(new OAuthStrategy({ ...complete, callbackURL: 'https://app.example.com/cb' }, verify));
    const app = express();
    app.get('/login', passport.authenticate('oauth'));
    // The request-token leg is stubbed: the store is reached without any network.
    const strategy = (passport as unknown as { _strategies: Record<string, { _oauth: object }> })._strategies
      .oauth;
    Object.assign(strategy?._oauth ?? {}, {
      getOAuthRequestToken: (_p: unknown, done: (...a: unknown[]) => void) =>
        done(null, 't', 's', { oauth_callback_confirmed: 'true' }),
    });
    app.use(
      (error: Error, _req: unknown, res: { status(n: number): { send(s: string): void } }, _next: unknown) =>
        res.status(500).send(error.message),
    );
    const response = await supertest(app).get('/login');
    expect(response.status).toBe(500);
    expect(response.text).toMatch(
      /^OAuth authentication requires session support\. Did you forget to use express-session middleware\?/,
    );
  });
});
