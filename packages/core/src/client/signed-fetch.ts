import { OAuth1Error } from '../errors.js';
import { formatOAuthParams } from '../signature/form-params.js';
import type { ConsumerCredentials, TokenCredentials } from '../signature/sign.js';
import { signRequest } from '../signature/sign.js';
import type { SignatureMethod } from '../signature/signature-methods.js';
import { isFormContentType } from '../signature/validate.js';
import type { Outgoing } from './http-transport.js';
import { DEFAULT_TIMEOUT_MS, type FetchLike, sendPrepared } from './send.js';

export type Transport = 'header' | 'query' | 'body';

export interface SignedFetchOptions {
  consumer: ConsumerCredentials;
  /** Omit for two-legged (consumer-only) requests. */
  token?: TokenCredentials | undefined;
  signatureMethod?: SignatureMethod | undefined;
  realm?: string | undefined;
  /** Where the protocol parameters go; default `'header'`. */
  transport?: Transport | undefined;
  /** Add `oauth_body_hash` to requests whose body is not form-encoded. */
  includeBodyHash?: boolean | undefined;
  includeVersion?: boolean | undefined;
  fetch?: FetchLike | undefined;
  /** Default 10 000 ms for each hop, counted until its response body has been read. */
  timeoutMs?: number | undefined;
  /** Same-origin redirects followed and re-signed; default 5. */
  maxRedirects?: number | undefined;
}

export type SignedFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODYLESS = new Set(['GET', 'HEAD']);

interface PreparedRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer> | undefined;
  /** The caller's signal, if any. */
  signal: AbortSignal | undefined;
}

/**
 * A function with the signature of `fetch` that signs every request with OAuth 1.0a. It builds its own
 * `Request` from the caller's input (never mutating it), signs the query and form body, applies a
 * timeout, and follows redirects by hand: re-signed on the same origin, unsigned once a hop leaves it.
 * RFC 5849 sections 3.1 and 3.5.
 */
export function createSignedFetch(options: SignedFetchOptions): SignedFetch {
  const transport = options.transport ?? 'header';
  if (transport !== 'header' && transport !== 'query' && transport !== 'body') {
    throw new OAuth1Error('invalid_config', 'transport must be "header", "query" or "body"');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new OAuth1Error('invalid_config', 'timeoutMs must be a positive number of milliseconds');
  }
  const maxRedirects = options.maxRedirects ?? 5;

  return async function signedFetch(input, init) {
    const { prepared, redirect } = await prepare(input, init);
    let current = prepared;
    const origin = current.url.origin;
    // Once a redirect leaves the origin, no later hop is signed, even one that comes back: the other
    // origin chose that URL, and a signature there would be ours on a request we never made.
    let leftOrigin = false;
    for (let hop = 0; ; hop++) {
      leftOrigin ||= current.url.origin !== origin;
      const signed = leftOrigin ? undefined : signPrepared(current, options, transport);
      const outgoing = signed ?? unsigned(current);
      const response = await sendPrepared(outgoing, current.signal, {
        fetch: options.fetch,
        timeoutMs,
        purpose: `signed ${current.method} request`,
      });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null || redirect === 'manual') {
        // fetch's own flag: the answer came from a URL other than the one asked for.
        if (hop > 0) Object.defineProperty(response, 'redirected', { value: true });
        return response;
      }
      if (redirect === 'error') {
        // fetch's 'error' mode: a redirect is a failure, and its target is never requested.
        await response.body?.cancel();
        throw new OAuth1Error(
          'too_many_redirects',
          `the provider redirected (${response.status}) and the call asked for redirect: "error"; call the final URL directly or allow redirects`,
        );
      }
      if (hop >= maxRedirects) {
        await response.body?.cancel();
        throw new OAuth1Error(
          'too_many_redirects',
          `the provider redirected more than ${maxRedirects} times`,
        );
      }
      await response.body?.cancel();
      const target = new URL(location, current.url);
      // A server that keeps the query in its Location echoes our protocol parameters (query transport):
      // stale on the next hop, and never to be carried anywhere else.
      if (signed !== undefined && transport === 'query') withoutParams(target, signed.oauthNames);
      current = followRedirect(current, response.status, target);
    }
  };
}

const STANDARD_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * Our own copy of the caller's request. With no body to read (a URL, and init without a body) it is
 * built from the URL and init directly, saving a Request; otherwise a Request reads the body for us.
 */
async function prepare(
  input: string | URL | Request,
  init: RequestInit | undefined,
): Promise<{ prepared: PreparedRequest; redirect: RequestRedirect }> {
  if (!(input instanceof Request) && (init?.body === undefined || init.body === null)) {
    const method = init?.method ?? 'GET';
    const upper = method.toUpperCase();
    return {
      prepared: {
        url: new URL(input),
        // The fetch standard's normalization: only the standard methods are upper-cased.
        method: STANDARD_METHODS.has(upper) ? upper : method,
        headers: new Headers(init?.headers),
        body: undefined,
        signal: init?.signal ?? undefined,
      },
      redirect: init?.redirect ?? 'follow',
    };
  }
  // Request copies the caller's input; reading its body reads our copy, not theirs. A Request input
  // is cloned first: building a Request from another takes over its body stream, which would leave the
  // caller's Request used (bodyUsed true, unreadable).
  const source = new Request(input instanceof Request ? input.clone() : input, init);
  const body = BODYLESS.has(source.method) ? undefined : new Uint8Array(await source.arrayBuffer());
  return {
    prepared: {
      url: new URL(source.url),
      method: source.method,
      headers: new Headers(source.headers),
      body: body !== undefined && body.byteLength === 0 && source.body === null ? undefined : body,
      signal: source.signal,
    },
    redirect: source.redirect,
  };
}

/** Removes the named parameters from the URL's query, leaving every other byte of it as it was. */
function withoutParams(url: URL, names: ReadonlySet<string>): void {
  if (url.search.length <= 1) return;
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => {
      const name = pair.split('=', 1)[0]!;
      try {
        return !names.has(decodeURIComponent(name.replace(/\+/g, ' ')));
      } catch {
        return true;
      }
    });
  url.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function signPrepared(
  prepared: PreparedRequest,
  options: SignedFetchOptions,
  transport: Transport,
): Outgoing & { oauthNames: ReadonlySet<string> } {
  const headers = new Headers(prepared.headers);
  const contentType = headers.get('content-type') ?? undefined;
  const form = prepared.body !== undefined && isFormContentType(contentType);
  if (transport === 'body' && !form && !(prepared.body === undefined && !BODYLESS.has(prepared.method))) {
    throw new OAuth1Error(
      'invalid_config',
      'the body transport needs a form-encoded body (application/x-www-form-urlencoded); use "header" or "query" for this request',
    );
  }
  const signed = signRequest({
    method: prepared.method,
    url: prepared.url,
    consumer: options.consumer,
    token: options.token,
    signatureMethod: options.signatureMethod,
    realm: options.realm,
    body: prepared.body,
    contentType,
    includeBodyHash: options.includeBodyHash,
    includeVersion: options.includeVersion,
  });
  let url = prepared.url;
  let body: Uint8Array<ArrayBuffer> | string | undefined = prepared.body;
  if (transport === 'header') {
    headers.set('authorization', signed.authorization);
  } else if (transport === 'query') {
    const encoded = formatOAuthParams(signed.oauthParams);
    url = new URL(prepared.url);
    url.search = url.search.length > 1 ? `${url.search}&${encoded}` : `?${encoded}`;
  } else {
    const encoded = formatOAuthParams(signed.oauthParams);
    const existing = prepared.body === undefined ? '' : Buffer.from(prepared.body).toString('utf8');
    body = existing === '' ? encoded : `${existing}&${encoded}`;
    headers.set('content-type', contentType ?? 'application/x-www-form-urlencoded');
  }
  return {
    url,
    method: prepared.method,
    headers,
    body: body ?? null,
    oauthNames: transport === 'query' ? new Set(Object.keys(signed.oauthParams)) : NO_NAMES,
  };
}

const NO_NAMES: ReadonlySet<string> = new Set();

function unsigned(prepared: PreparedRequest): Outgoing {
  const headers = new Headers(prepared.headers);
  headers.delete('authorization');
  headers.delete('cookie');
  return { url: prepared.url, method: prepared.method, headers, body: prepared.body ?? null };
}

// Fetch's own rules: 303 (and 301/302 after POST) turn into a body-less GET.
function followRedirect(prepared: PreparedRequest, status: number, location: URL): PreparedRequest {
  const toGet =
    status === 303
      ? prepared.method !== 'HEAD'
      : (status === 301 || status === 302) && prepared.method === 'POST';
  if (!toGet) return { ...prepared, url: location };
  const headers = new Headers(prepared.headers);
  for (const name of [
    'content-type',
    'content-length',
    'content-encoding',
    'content-language',
    'content-location',
  ]) {
    headers.delete(name);
  }
  return { url: location, method: 'GET', headers, body: undefined, signal: prepared.signal };
}
