import type { OAuth1Flow } from '@oauth1a/core';

/** node-oauth's error for a non-2xx answer, which passport-oauth1 subclasses read (`err.data`). */
export interface OAuthCompatError {
  statusCode: number;
  data: string;
}

/** The parts of node-oauth's response object that subclasses read. */
export interface OAuthCompatResponse {
  statusCode: number;
  headers: Record<string, string>;
}

export type OAuthCompatCallback = (
  error: OAuthCompatError | Error | null,
  body?: string,
  response?: OAuthCompatResponse,
) => void;

/**
 * `this._oauth` of a passport-oauth1 strategy, for subclasses written against it (passport-twitter's
 * `userProfile` calls `this._oauth.get(url, token, tokenSecret, callback)`). Requests are signed by
 * core's signed fetch; new code should call `strategy.signedFetch(token, tokenSecret)` instead.
 */
export interface OAuthCompat {
  get(url: string | URL, token: string, tokenSecret: string, callback: OAuthCompatCallback): void;
  post(
    url: string | URL,
    token: string,
    tokenSecret: string,
    body: string | Record<string, string> | undefined,
    contentType: string | undefined,
    callback: OAuthCompatCallback,
  ): void;
}

function send(
  flow: OAuth1Flow,
  url: string | URL,
  credentials: { token: string; tokenSecret: string },
  init: RequestInit,
  callback: OAuthCompatCallback,
): void {
  const signedFetch = flow.signedFetch(credentials);
  signedFetch(String(url), init)
    .then(async (response) => {
      const body = await response.text();
      const compat: OAuthCompatResponse = {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
      };
      if (response.status < 200 || response.status > 299) {
        callback({ statusCode: response.status, data: body }, body, compat);
      } else {
        callback(null, body, compat);
      }
    })
    .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
}

/** The `_oauth` shim over one flow. */
export function oauthCompat(flow: OAuth1Flow): OAuthCompat {
  return {
    get(url, token, tokenSecret, callback) {
      send(flow, url, { token, tokenSecret }, { method: 'GET' }, callback);
    },
    post(url, token, tokenSecret, body, contentType, callback) {
      const form = typeof body === 'object' ? new URLSearchParams(body).toString() : (body ?? '');
      const type =
        contentType ?? (typeof body === 'object' ? 'application/x-www-form-urlencoded' : 'text/plain');
      send(
        flow,
        url,
        { token, tokenSecret },
        { method: 'POST', body: form, headers: { 'content-type': type } },
        callback,
      );
    },
  };
}
