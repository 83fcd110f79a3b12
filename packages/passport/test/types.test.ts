import type { Request } from 'express';
import 'express-session';
import passport from 'passport';
import { describe, expectTypeOf, it } from 'vitest';
import {
  OAuth1Strategy,
  type PassportProfile,
  type TokenParams,
  type VerifyDone,
  type VerifyFunctionWithParams,
  type VerifyFunctionWithRequestAndParams,
} from '../src/index.js';

const endpoints = {
  requestTokenURL: 'https://api.example.com/oauth/request_token',
  accessTokenURL: 'https://api.example.com/oauth/access_token',
  userAuthorizationURL: 'https://api.example.com/oauth/authorize',
  consumerKey: 'key',
  consumerSecret: 'secret',
  callbackURL: 'https://app.example.com/auth/example/callback',
};

describe('public types', () => {
  it('types each verify-callback arity from the overloads', () => {
    new OAuth1Strategy(endpoints, (token, tokenSecret, profile, done) => {
      expectTypeOf(token).toEqualTypeOf<string>();
      expectTypeOf(tokenSecret).toEqualTypeOf<string>();
      expectTypeOf(profile).toEqualTypeOf<PassportProfile>();
      expectTypeOf(done).toEqualTypeOf<VerifyDone>();
      done(null, { id: profile.id });
    });
    // TypeScript cannot pick an overload by an unannotated arrow's parameter count: the shapes with
    // `params` take a typed function (README: "TypeScript").
    const withParams: VerifyFunctionWithParams = (_token, _tokenSecret, params, profile, done) => {
      expectTypeOf(params).toEqualTypeOf<TokenParams>();
      expectTypeOf(profile).toEqualTypeOf<PassportProfile>();
      done(null, false, { message: 'no' });
    };
    new OAuth1Strategy(endpoints, withParams);
    new OAuth1Strategy(
      endpoints,
      (_t: string, _s: string, params: TokenParams, profile: PassportProfile, done: VerifyDone) =>
        done(null, { ...params, id: profile.id }),
    );
    new OAuth1Strategy({ ...endpoints, passReqToCallback: true }, (req: Request, _t, _s, profile, done) => {
      expectTypeOf(req.session).not.toBeAny();
      done(null, profile);
    });
    const withRequestAndParams: VerifyFunctionWithRequestAndParams<Request> = (
      req,
      _t,
      _s,
      params,
      profile,
      done,
    ) => {
      expectTypeOf(req.headers).not.toBeAny();
      expectTypeOf(params).toEqualTypeOf<TokenParams>();
      done(null, profile);
    };
    new OAuth1Strategy({ ...endpoints, passReqToCallback: true }, withRequestAndParams);
  });

  it('is a Passport strategy', () => {
    const strategy = new OAuth1Strategy(endpoints, (_t, _s, profile, done) => done(null, profile));
    passport.use(strategy);
    passport.use('other', strategy);
    expectTypeOf(strategy.name).toEqualTypeOf<string>();
  });

  it('rejects a verify with req when passReqToCallback is off', () => {
    const withRequest = (_req: Request, _t: string, _s: string, _p: PassportProfile, _d: VerifyDone) => {};
    // @ts-expect-error req first needs passReqToCallback: true
    new OAuth1Strategy(endpoints, withRequest);
    new OAuth1Strategy({ ...endpoints, passReqToCallback: true }, withRequest);
  });
});
