import { type FetchLike, percentEncode, type SignedRequest } from '@oauth1a/core';
import { sendAndRead } from './send.js';

/** node-oauth's `extra_params`: protocol (`oauth_*`) and other parameters. */
export type OAuthParams = Record<string, string | number | boolean | null | undefined>;

/** node-oauth's response object, as far as callers read it. */
export interface OAuthResponse {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string>;
}

/** One request of `_performSecureRequest`, ready to sign. */
export interface SecureRequest {
  method: string;
  url: URL;
  oauthParams: Record<string, string>;
  body: string | Buffer | undefined;
  contentType: string;
}

export const FORM = 'application/x-www-form-urlencoded';
// fetch sets these itself (and refuses some of them).
const MANAGED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);
const MAX_REDIRECTS = 5;

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Form encoding as node-oauth writes it (RFC 3986 percent-encoding, pairs joined by &). */
function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

/**
 * node-oauth's reading of `_performSecureRequest`'s arguments: `oauth_*` entries of `extraParams` are
 * protocol parameters; the others are the form body of a POST/PUT without a body of its own, or (where
 * node-oauth signed them but never sent them) the query. The caller's objects are not mutated.
 */
export function prepareSecureRequest(
  method: string,
  url: string,
  extraParams: OAuthParams | null | undefined,
  postBody: string | Buffer | null | undefined,
  postContentType: string | null | undefined,
): SecureRequest {
  const verb = method.toUpperCase();
  const target = new URL(url);
  const oauthParams: Record<string, string> = {};
  const others: Record<string, string> = {};
  for (const [name, value] of Object.entries(extraParams ?? {})) {
    if (name.startsWith('oauth_')) oauthParams[name] = text(value);
    else others[name] = text(value);
  }
  if ((verb === 'POST' || verb === 'PUT') && (postBody === null || postBody === undefined)) {
    return { method: verb, url: target, oauthParams, body: formEncode(others), contentType: FORM };
  }
  for (const [name, value] of Object.entries(others)) target.searchParams.append(name, value);
  const body = postBody === '' || postBody === null || postBody === undefined ? undefined : postBody;
  return { method: verb, url: target, oauthParams, body, contentType: postContentType || FORM };
}

export interface SendSignedOptions {
  /** Signs the request for this URL (each redirect hop is signed anew). */
  sign(url: URL): SignedRequest;
  headers: Record<string, string>;
  fetch: FetchLike | undefined;
  timeoutMs: number;
  followRedirects: boolean;
}

/**
 * Sends a signed request within its deadline and reads the answer. Like node-oauth it follows 301 and
 * 302, but only on the same origin and at most 5 times: a signature is never sent where the provider
 * did not ask for it to go.
 */
export async function sendSigned(
  request: SecureRequest,
  options: SendSignedOptions,
): Promise<{ data: string; response: OAuthResponse }> {
  const { method, body, contentType } = request;
  let target = request.url;
  for (let hop = 0; ; hop++) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(options.headers)) {
      if (!MANAGED_HEADERS.has(name.toLowerCase())) headers.set(name, value);
    }
    headers.set('authorization', options.sign(target).authorization);
    if (body !== undefined || method === 'POST' || method === 'PUT') headers.set('content-type', contentType);
    const outgoing = new Request(target, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
    });
    const answer = await sendAndRead(outgoing, options.fetch, options.timeoutMs, `the ${method} request`);
    const location = answer.headers.get('location');
    const next = location === null ? undefined : new URL(location, target);
    if (
      (answer.status === 301 || answer.status === 302) &&
      options.followRedirects &&
      next?.origin === request.url.origin &&
      hop < MAX_REDIRECTS
    ) {
      target = next;
      continue;
    }
    const response: OAuthResponse = {
      statusCode: answer.status,
      statusMessage: answer.statusText,
      headers: Object.fromEntries(answer.headers),
    };
    return { data: answer.body, response };
  }
}
