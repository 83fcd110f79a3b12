import type { SignedFetch } from '../client/signed-fetch.js';
import { OAuth1Error } from '../errors.js';
import { createOAuth1Flow } from '../flow/flow.js';
import { authorize, DEFAULT_PENDING_TTL_MS, pendingOf } from '../flow/state.js';
import type { AccessCredentials, FlowState, Profile } from '../flow/types.js';
import { ConsumedTokens } from './consumed-tokens.js';
import { asOAuth1Error, defaultErrorResponse } from './error-response.js';
import { checkAbsoluteUrl, normalizeBasePath, type OAuth1HandlerOptions, resolveSession } from './options.js';
import { sanitizeReturnTo } from './return-to.js';
import { SealedSession, type SessionContents } from './session.js';

/** What a request can see of its connection: `req.oauth1` in Express, `ctx.state.oauth1` in Koa. */
export interface OAuth1Context {
  authorized: boolean;
  credentials?: AccessCredentials;
  profile?: Profile;
  /** `fetch` signed with the connection's credentials; rejects with `not_authorized` before login. */
  fetch: SignedFetch;
}

/** The framework-agnostic core of every adapter, on Web `Request` / `Response`. */
export interface OAuth1Handler {
  readonly providerId: string;
  readonly basePath: string;
  /** Answers `{basePath}/login`, `/callback` and `/logout`; `null` when the path is not ours. */
  handle(request: Request): Promise<Response | null>;
  /** The connection of the request's session (or of `loadCredentials`). */
  context(request: Request): Promise<OAuth1Context>;
}

function stateOf(contents: SessionContents): FlowState {
  if (contents.credentials)
    return { status: 'authorized', credentials: contents.credentials, pending: contents.pending };
  return contents.pending.length > 0
    ? { status: 'awaiting_authorization', pending: contents.pending }
    : { status: 'idle' };
}

function redirect(location: string, headers: Headers): Response {
  headers.set('location', location);
  headers.set('cache-control', 'no-store');
  return new Response(null, { status: 302, headers });
}

/**
 * Creates the Web-standard handler: login (leg 1, then the redirect of leg 2), callback (binding,
 * single use, leg 3, "who am I") and logout, with the pending authorizations and credentials in
 * iron-session sealed cookies (HttpOnly, SameSite=Lax, Secure on https).
 */
export function createOAuth1Handler(options: OAuth1HandlerOptions): OAuth1Handler {
  if (typeof options !== 'object' || options === null) {
    throw new OAuth1Error(
      'invalid_config',
      'oauth1a expects options: { provider, consumer, session: { password } }',
    );
  }
  const flow = createOAuth1Flow({
    provider: options.provider,
    consumer: options.consumer,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    now: options.now,
    pendingTtlMs: options.pendingTtlMs,
  });
  const providerId = flow.provider.id;
  const session = resolveSession(options.session, providerId);
  const basePath = normalizeBasePath(options.basePath, providerId);
  const baseUrl = checkAbsoluteUrl(options.baseUrl, 'baseUrl');
  const fixedCallback = checkAbsoluteUrl(options.callbackUrl, 'callbackUrl');
  const now = options.now ?? Date.now;
  const pendingTtlMs = options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS;
  const sealed = new SealedSession(session, providerId, pendingTtlMs);
  const consumed = new ConsumedTokens(pendingTtlMs * 2);
  const routes = {
    login: `${basePath}/login`,
    callback: `${basePath}/callback`,
    logout: `${basePath}/logout`,
  };

  const isSecure = (url: URL): boolean => session.secure ?? url.protocol === 'https:';
  const appOrigin = (url: URL): string => baseUrl?.origin ?? url.origin;

  async function fail(error: unknown, request: Request, headers: Headers): Promise<Response> {
    const oauthError = asOAuth1Error(error);
    if (options.onError) {
      const response = await options.onError(oauthError, request);
      const merged = new Response(response.body, response);
      for (const cookie of headers.getSetCookie()) merged.headers.append('set-cookie', cookie);
      return merged;
    }
    return defaultErrorResponse(oauthError, request, headers);
  }

  async function login(request: Request, url: URL): Promise<Response> {
    const headers = new Headers();
    try {
      const callbackUrl = fixedCallback?.href ?? `${appOrigin(url)}${routes.callback}`;
      const callbackHost = new URL(callbackUrl).host;
      if (callbackHost !== url.host && baseUrl === undefined) {
        throw new OAuth1Error(
          'invalid_config',
          `the callback URL's host (${callbackHost}) differs from this login's host (${url.host}): the session cookie set now would not come back with the callback. Open the app on ${callbackHost}, or set baseUrl`,
        );
      }
      const contents = await sealed.read(request);
      const returnTo = sanitizeReturnTo(
        url.searchParams.get('returnTo'),
        appOrigin(url),
        options.defaultReturnTo ?? '/',
      );
      const begun = await flow.begin(stateOf(contents), {
        callbackUrl,
        returnTo,
        authorizeParams: options.authorizeParams?.(request),
      });
      headers.append('set-cookie', await sealed.pendingCookie(pendingOf(begun.state), isSecure(url)));
      return redirect(begun.authorizeUrl, headers);
    } catch (error) {
      return fail(error, request, headers);
    }
  }

  async function callback(request: Request, url: URL): Promise<Response> {
    const headers = new Headers();
    try {
      const contents = await sealed.read(request);
      const token = url.searchParams.get('oauth_token') ?? url.searchParams.get('denied');
      if (token !== null && consumed.has(token, now())) {
        throw new OAuth1Error(
          'no_pending_authorization',
          'this callback was already used: a login completes once. Start the login again',
        );
      }
      if (contents.pending.length === 0) throw noPendingAuthorization(url, contents);
      const state = stateOf(contents);
      const result = flow.consume(state, url.searchParams);
      // Single use: the consumed authorization leaves the cookie whatever happens next.
      headers.append('set-cookie', await sealed.pendingCookie(pendingOf(result.state), isSecure(url)));
      if (!result.ok) throw result.error;
      consumed.add(result.pending.requestToken, now());
      const { credentials } = await flow.exchange(result.pending, result.verifier);
      await options.onAuthorized?.(credentials, request);
      if (!options.loadCredentials) {
        headers.append(
          'set-cookie',
          await sealed.credentialsCookie(authorize(result.state, credentials).credentials, isSecure(url)),
        );
      }
      return redirect(result.pending.returnTo ?? options.defaultReturnTo ?? '/', headers);
    } catch (error) {
      return fail(error, request, headers);
    }
  }

  function noPendingAuthorization(url: URL, contents: SessionContents): OAuth1Error {
    const causes = contents.sawPendingCookie
      ? ['this callback was already used, or the login expired']
      : [
          ...(session.secure === true && url.protocol === 'http:'
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

  async function logoutRoute(request: Request, url: URL): Promise<Response> {
    const headers = new Headers();
    headers.append('set-cookie', await sealed.pendingCookie([], isSecure(url)));
    headers.append('set-cookie', await sealed.credentialsCookie(undefined, isSecure(url)));
    if (/\bapplication\/json\b/i.test(request.headers.get('accept') ?? '')) {
      headers.set('content-type', 'application/json; charset=utf-8');
      return new Response(JSON.stringify({ authorized: false }), { status: 200, headers });
    }
    return redirect(
      sanitizeReturnTo(url.searchParams.get('returnTo'), appOrigin(url), options.defaultReturnTo ?? '/'),
      headers,
    );
  }

  function methodNotAllowed(request: Request, allowed: string): Promise<Response> {
    const headers = new Headers({ allow: allowed });
    return fail(
      new OAuth1Error('invalid_request', `this route answers ${allowed} only`, { status: 405 }),
      request,
      headers,
    );
  }

  const notAuthorizedFetch: SignedFetch = async () => {
    throw new OAuth1Error(
      'not_authorized',
      `no ${flow.provider.name} connection in this session; sign in at ${routes.login} first`,
    );
  };

  return {
    providerId,
    basePath,
    async handle(request) {
      const url = new URL(request.url);
      switch (url.pathname) {
        case routes.login: {
          const allowed = options.loginRequiresPost ? 'POST' : 'GET';
          if (request.method !== allowed) {
            return methodNotAllowed(request, allowed);
          }
          return login(request, url);
        }
        case routes.callback:
          return request.method === 'GET' ? callback(request, url) : methodNotAllowed(request, 'GET');
        case routes.logout:
          return request.method === 'POST' ? logoutRoute(request, url) : methodNotAllowed(request, 'POST');
        default:
          return null;
      }
    },
    async context(request) {
      const credentials = options.loadCredentials
        ? await options.loadCredentials(request)
        : (await sealed.read(request)).credentials;
      if (!credentials) return { authorized: false, fetch: notAuthorizedFetch };
      const context: OAuth1Context = { authorized: true, credentials, fetch: flow.signedFetch(credentials) };
      if (credentials.profile) context.profile = credentials.profile;
      return context;
    },
  };
}
