import type { SignedFetch } from '../client/signed-fetch.js';
import { OAuth1Error } from '../errors.js';
import { createOAuth1Flow } from '../flow/flow.js';
import { authorize, DEFAULT_PENDING_TTL_MS, pendingOf } from '../flow/state.js';
import type { AccessCredentials, FlowState, Profile } from '../flow/types.js';
import { callbackUrlFor, type OriginConfig, trustedOrigin } from './app-origin.js';
import { ConsumedTokens } from './consumed-tokens.js';
import { callbackAlreadyUsed, noPendingAuthorization, wrongMethod } from './diagnostics.js';
import { asOAuth1Error, defaultErrorResponse, errorTitle } from './error-response.js';
import { loginLoopError, nextLoginStreak } from './login-loop.js';
import { checkAbsoluteUrl, normalizeBasePath, type OAuth1HandlerOptions, resolveSession } from './options.js';
import { isCrossSiteRequest } from './request-guards.js';
import { sanitizeReturnTo } from './return-to.js';
import { logServerError } from './server-log.js';
import { SealedSession, type SessionContents } from './session.js';

type Route = 'login' | 'callback' | 'logout';

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

  const origins: OriginConfig = { baseUrl, callbackUrl: fixedCallback };
  const logger = options.logger ?? console;
  // The cookies are Secure when the app's configured origin (or a loopback request) is https.
  const isSecure = (url: URL): boolean =>
    session.secure ?? new URL(trustedOrigin(url, origins) ?? url.origin).protocol === 'https:';
  const appOrigin = (url: URL): string => trustedOrigin(url, origins) ?? url.origin;
  const returnToOf = (url: URL): string =>
    sanitizeReturnTo(url.searchParams.get('returnTo'), appOrigin(url), options.defaultReturnTo ?? '/');

  async function fail(error: unknown, request: Request, headers: Headers, route: Route): Promise<Response> {
    const oauthError = asOAuth1Error(error);
    logServerError(logger, oauthError, request);
    if (options.onError) {
      const response = await options.onError(oauthError, request);
      const merged = new Response(response.body, response);
      for (const cookie of headers.getSetCookie()) merged.headers.append('set-cookie', cookie);
      return merged;
    }
    return defaultErrorResponse(oauthError, request, headers, errorTitle(oauthError, route));
  }

  function refuseCrossSite(request: Request, url: URL, what: string): void {
    if (isCrossSiteRequest(request, appOrigin(url))) {
      throw new OAuth1Error(
        'invalid_request',
        `${what} refused: this POST is cross-site (its Origin or Sec-Fetch-Site header names another site), and only pages of ${appOrigin(url)} may ${what === 'sign-out' ? 'sign the user out' : 'start a sign-in'}`,
        { status: 403 },
      );
    }
  }

  async function login(request: Request, url: URL): Promise<Response> {
    const headers = new Headers();
    try {
      if (request.method === 'POST') refuseCrossSite(request, url, 'sign-in');
      const callbackUrl = callbackUrlFor(url, origins, routes.callback);
      const secure = isSecure(url);
      const contents = await sealed.read(request, secure);
      const loop = loginLoopError(contents, now(), routes);
      if (loop) throw loop;
      const begun = await flow.begin(stateOf(contents), {
        callbackUrl,
        returnTo: returnToOf(url),
        authorizeParams: options.authorizeParams?.(request),
      });
      headers.append('set-cookie', await sealed.pendingCookie(pendingOf(begun.state), secure));
      return redirect(begun.authorizeUrl, headers);
    } catch (error) {
      return fail(error, request, headers, 'login');
    }
  }

  async function callback(request: Request, url: URL): Promise<Response> {
    const headers = new Headers();
    try {
      const secure = isSecure(url);
      const contents = await sealed.read(request, secure);
      // No await from here until the request token is marked used: replays of this callback sent in
      // parallel with the same cookie would otherwise all pass this check and all reach the provider.
      const token = url.searchParams.get('oauth_token') || url.searchParams.get('denied') || null;
      if (token !== null && consumed.has(token, now()))
        throw callbackAlreadyUsed(contents, flow.provider.name);
      if (contents.pending.length === 0)
        throw noPendingAuthorization({
          url,
          contents,
          token,
          providerName: flow.provider.name,
          loginPath: routes.login,
          secureCookies: session.secure,
        });
      const result = flow.consume(stateOf(contents), url.searchParams);
      if (result.ok) consumed.add(result.pending.requestToken, now());
      // Single use: the consumed authorization leaves the cookie whatever happens next.
      const left = pendingOf(result.state);
      if (left.length !== contents.pending.length) {
        headers.append('set-cookie', await sealed.pendingCookie(left, secure));
      }
      if (!result.ok) throw result.error;
      const { credentials } = await flow.exchange(result.pending, result.verifier);
      await options.onAuthorized?.(credentials, request);
      if (!options.loadCredentials) {
        headers.append(
          'set-cookie',
          await sealed.credentialsCookie(
            authorize(result.state, credentials).credentials,
            secure,
            nextLoginStreak(contents, credentials.authorizedAt),
          ),
        );
      }
      return redirect(result.pending.returnTo ?? options.defaultReturnTo ?? '/', headers);
    } catch (error) {
      return fail(error, request, headers, 'callback');
    }
  }

  async function logoutRoute(request: Request, url: URL): Promise<Response> {
    const headers = new Headers();
    try {
      refuseCrossSite(request, url, 'sign-out');
    } catch (error) {
      return fail(error, request, headers, 'logout');
    }
    const secure = isSecure(url);
    headers.append('set-cookie', await sealed.pendingCookie([], secure));
    headers.append('set-cookie', await sealed.credentialsCookie(undefined, secure));
    if (/\bapplication\/json\b/i.test(request.headers.get('accept') ?? '')) {
      headers.set('content-type', 'application/json; charset=utf-8');
      return new Response(JSON.stringify({ authorized: false }), { status: 200, headers });
    }
    return redirect(returnToOf(url), headers);
  }

  function methodNotAllowed(request: Request, allowed: string, route: Route): Promise<Response> {
    const error = wrongMethod(allowed, route === 'logout' ? routes.logout : undefined);
    return fail(error, request, new Headers({ allow: allowed }), route);
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
            return methodNotAllowed(request, allowed, 'login');
          }
          return login(request, url);
        }
        case routes.callback:
          return request.method === 'GET'
            ? callback(request, url)
            : methodNotAllowed(request, 'GET', 'callback');
        case routes.logout:
          return request.method === 'POST'
            ? logoutRoute(request, url)
            : methodNotAllowed(request, 'POST', 'logout');
        default:
          return null;
      }
    },
    async context(request) {
      const credentials = options.loadCredentials
        ? await options.loadCredentials(request)
        : (await sealed.read(request, isSecure(new URL(request.url)))).credentials;
      if (!credentials) return { authorized: false, fetch: notAuthorizedFetch };
      const context: OAuth1Context = { authorized: true, credentials, fetch: flow.signedFetch(credentials) };
      if (credentials.profile) context.profile = credentials.profile;
      return context;
    },
  };
}
