import { OAuth1Error } from '../errors.js';
import type { SessionContents } from './session.js';

/** Logins completed closer together than this count as one loop. */
export const LOGIN_LOOP_WINDOW_MS = 30_000;
/** A login is refused once this many completed in a row, each within the window of the one before. */
export const LOGIN_LOOP_LIMIT = 3;

/**
 * The streak a completed login records: one more than the session's when its credentials are from
 * within the window, else 1. An app that cannot see the session (oauth1() mounted after the route that
 * checks it) sends the browser back to the login after every sign-in; the streak makes that visible.
 */
export function nextLoginStreak(contents: SessionContents, now: number): number {
  const last = contents.credentials?.authorizedAt;
  return last !== undefined && now - last < LOGIN_LOOP_WINDOW_MS ? contents.streak + 1 : 1;
}

/**
 * `invalid_config` naming the fix when this login would continue a loop: the browser is signed in,
 * seconds ago, for the LOGIN_LOOP_LIMIT-th time in a row, and still sent here. Else undefined.
 */
export function loginLoopError(
  contents: SessionContents,
  now: number,
  routes: { login: string; logout: string },
): OAuth1Error | undefined {
  const last = contents.credentials?.authorizedAt;
  if (last === undefined || now - last >= LOGIN_LOOP_WINDOW_MS || contents.streak < LOGIN_LOOP_LIMIT)
    return undefined;
  return new OAuth1Error(
    'invalid_config',
    `this browser signed in ${contents.streak} times in a row, each within ${LOGIN_LOOP_WINDOW_MS / 1000} seconds, and was sent back to ${routes.login} each time although its session holds the connection: the route that sends it here does not see the session. Mount oauth1() before your routes, and read the connection with getOAuth1(req) (Koa: getOAuth1(ctx)), which throws when the middleware has not run. POST ${routes.logout} or wait ${LOGIN_LOOP_WINDOW_MS / 1000} seconds to sign in again`,
  );
}
