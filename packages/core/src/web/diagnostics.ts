import { OAuth1Error } from '../errors.js';
import type { SessionContents } from './session.js';

/**
 * The messages of the routes' commonest dead ends, worded for the newcomer who meets them: what most
 * likely happened, from what the request shows, and what to do.
 */

/** A callback whose request token this process already exchanged (a reload, a replay). */
export function callbackAlreadyUsed(contents: SessionContents, providerName: string): OAuth1Error {
  return new OAuth1Error(
    'no_pending_authorization',
    contents.credentials
      ? `this callback was already used (a reload?): a login completes once, and this browser is already signed in with ${providerName}. Go back to the app`
      : 'this callback was already used: a login completes once. Start the login again',
  );
}

export interface NoPendingInput {
  url: URL;
  contents: SessionContents;
  /** The callback's oauth_token (or denied), null when it carries none. */
  token: string | null;
  providerName: string;
  loginPath: string;
  /** `session.secure`. */
  secureCookies: boolean | undefined;
}

/**
 * A callback with no pending login to match: a bare visit (no token) is told where logins start; a
 * reload after signing in hears so; only a callback with a token and no cookie at all lists the host
 * mix-up (127.0.0.1 vs localhost) among the causes.
 */
export function noPendingAuthorization(input: NoPendingInput): OAuth1Error {
  const { url, contents, token } = input;
  if (token === null) {
    return new OAuth1Error(
      'no_pending_authorization',
      `this callback carries no oauth_token: ${input.providerName} sends the browser here at the end of a sign-in, it is not a page to open. Start at ${input.loginPath}`,
    );
  }
  if (contents.credentials && !contents.sawPendingCookie)
    return callbackAlreadyUsed(contents, input.providerName);
  const causes = contents.sawPendingCookie
    ? ['this callback was already used, or the login expired']
    : [
        ...(input.secureCookies === true && url.protocol === 'http:'
          ? ['the session cookie is Secure but this callback came over http']
          : []),
        `the login started on another host than ${url.host} (127.0.0.1 and localhost do not share cookies)`,
        'the login expired, or the browser dropped the cookie',
      ];
  return new OAuth1Error(
    'no_pending_authorization',
    `no login is waiting for this callback: ${causes.join('; or ')}. Start the login again`,
  );
}

/** 405: the route answers `allowed` only; for sign-out, why a link cannot sign out and what to use instead. */
export function wrongMethod(allowed: string, logoutPath?: string): OAuth1Error {
  const message =
    logoutPath !== undefined
      ? `sign out with a form that POSTs to ${logoutPath} (<form method="post" action="${logoutPath}">): a link, a reload or another site's GET cannot sign the user out`
      : `this route answers ${allowed} only`;
  return new OAuth1Error('invalid_request', message, { status: 405 });
}
