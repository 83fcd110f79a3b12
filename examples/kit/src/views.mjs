import { OAuth1Error } from '@oauth1a/core';
import { escapeHtml, page, pretty } from './html.mjs';

/**
 * The sign-in examples' home page: who is signed in (with "Call the API" and "Sign out"), or a sign-in link.
 * `user` is the signed-in user's display name, undefined when signed out; `notice` is shown above either.
 *
 * @param {{ title: string, providerName: string, user?: string, signInHref: string, signOutAction: string,
 *   apiHref?: string, notice?: string }} options
 */
export function homePage({
  title,
  providerName,
  user,
  signInHref,
  signOutAction,
  apiHref = '/api-call',
  notice,
}) {
  const provider = escapeHtml(providerName);
  const body =
    user === undefined
      ? `<p id="status">Not signed in.</p>
         <p><a id="sign-in" href="${escapeHtml(signInHref)}">Sign in with ${provider}</a></p>`
      : `<p id="status">Signed in with ${provider} as <strong id="user">${escapeHtml(user)}</strong>.</p>
         <p><a id="call-api" href="${escapeHtml(apiHref)}">Call the API</a></p>
         <form method="post" action="${escapeHtml(signOutAction)}"><button id="sign-out">Sign out</button></form>`;
  return page(title, `${notice ? `<p id="notice">${escapeHtml(notice)}</p>\n` : ''}${body}`);
}

/**
 * Calls `url` with a signed fetch and renders the answer: its status in `#api-status`, its body
 * (pretty-printed JSON) in `#api-result`.
 *
 * @param {(url: string) => Promise<Response>} signedFetch
 * @param {string} url
 */
export async function apiCallPage(signedFetch, url) {
  const response = await signedFetch(url);
  const text = await response.text();
  return page(
    'API call',
    `<p>GET ${escapeHtml(url)} answered <strong id="api-status">${response.status}</strong>:</p>
     <pre id="api-result">${escapeHtml(pretty(text))}</pre>
     <p><a href="/">Home</a></p>`,
  );
}

/**
 * The page for an error that reached the app's error handler: an OAuth1Error shows its message (which
 * never holds a secret) and code; anything else a generic line, its details going to the server log
 * only. Never a stack trace on the page.
 *
 * @param {unknown} error
 * @returns {{ status: number, html: string }}
 */
export function errorPage(error) {
  const known = error instanceof OAuth1Error;
  if (!known) console.error('example app: unexpected error', error);
  const status = known ? error.status : 500;
  const text = known ? error.message : 'Something went wrong on our side; the details are in the server log.';
  const code = known ? error.code : 'internal_error';
  return {
    status,
    html: page(
      'Something went wrong',
      `<p id="error" data-code="${escapeHtml(code)}">${escapeHtml(text)}</p>
<p><a href="/">Home</a></p>`,
    ),
  };
}

/** Headers for an error page: nothing runs, nothing loads, nothing frames it. */
export const ERROR_PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};
