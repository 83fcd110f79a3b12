import type { PassportProfile } from './profile.js';

/** The access-token answer's other fields (`user_id`, `screen_name`, ...), as passport-oauth1's `params`. */
export type TokenParams = Record<string, string>;

/** The verify callback's `done`: an error, or the user (`false` to fail) and info for Passport. */
export type VerifyDone = (error: unknown, user?: unknown, info?: unknown) => void;

export type VerifyFunction = (
  token: string,
  tokenSecret: string,
  profile: PassportProfile,
  done: VerifyDone,
) => void;

export type VerifyFunctionWithParams = (
  token: string,
  tokenSecret: string,
  params: TokenParams,
  profile: PassportProfile,
  done: VerifyDone,
) => void;

export type VerifyFunctionWithRequest<Req> = (
  req: Req,
  token: string,
  tokenSecret: string,
  profile: PassportProfile,
  done: VerifyDone,
) => void;

export type VerifyFunctionWithRequestAndParams<Req> = (
  req: Req,
  token: string,
  tokenSecret: string,
  params: TokenParams,
  profile: PassportProfile,
  done: VerifyDone,
) => void;

export type AnyVerifyFunction<Req> =
  | VerifyFunction
  | VerifyFunctionWithParams
  | VerifyFunctionWithRequest<Req>
  | VerifyFunctionWithRequestAndParams<Req>;

export interface VerifyArguments<Req> {
  req: Req;
  token: string;
  tokenSecret: string;
  params: TokenParams;
  profile: PassportProfile;
  done: VerifyDone;
}

/**
 * Calls `verify` as passport-oauth1 does: by its declared parameter count (`Function.length`), since
 * JavaScript cannot tell the two shapes apart otherwise. With `passReqToCallback`, 6 parameters get
 * `params`, any other count does not; without it, 5 get `params`, any other count does not. So a verify
 * written with a default value or a rest parameter (which lower `length`) gets the shape without `params`.
 */
export function invokeVerify<Req>(
  verify: AnyVerifyFunction<Req>,
  passReqToCallback: boolean,
  args: VerifyArguments<Req>,
): void {
  const { req, token, tokenSecret, params, profile, done } = args;
  if (passReqToCallback) {
    if (verify.length === 6) {
      (verify as VerifyFunctionWithRequestAndParams<Req>)(req, token, tokenSecret, params, profile, done);
    } else {
      (verify as VerifyFunctionWithRequest<Req>)(req, token, tokenSecret, profile, done);
    }
  } else if (verify.length === 5) {
    (verify as VerifyFunctionWithParams)(token, tokenSecret, params, profile, done);
  } else {
    (verify as VerifyFunction)(token, tokenSecret, profile, done);
  }
}
