import {
  defaultErrorResponse,
  type ErrorLogger,
  isCrossSiteRequest,
  isOAuth1Error,
  logServerError,
  OAuth1Error,
  sanitizeReturnTo,
} from '@oauth1a/core';
import type { Connection, Connections } from '../types.js';
import { type FormFields, readForm } from './form.js';
import { type OwnerConnections, ownerConnections } from './scoped.js';

/** What the web routes accept from a user for one provider, beyond a label (all off by default). */
export interface ProviderForm {
  /** The user may bring their own consumer (`consumerKey`, `consumerSecret` fields). */
  ownConsumer?: boolean;
  /** The settings a user may send (`settings.<name>` form fields), e.g. `['accountId']`. */
  settings?: readonly string[];
  /** `POST {basePath}/{provider}/import` takes a pasted token (`token`, `tokenSecret`). */
  importToken?: boolean;
}

export interface ConnectionsHandlerOptions {
  connections: Connections;
  /** The app's signed-in user for this request; `undefined` answers 401. */
  owner: (request: Request) => string | undefined | Promise<string | undefined>;
  /** Default `/connections`; `{basePath}/callback` must be the path of the connections' `callbackUrl`. */
  basePath?: string;
  /** Per provider key: which user-supplied fields the connect and import routes accept. */
  providers?: Record<string, ProviderForm>;
  /** Where 5xx answers are logged (never a secret); default `console`. */
  logger?: ErrorLogger;
}

/** The Web-standard routes of stored connections, mounted by `@oauth1a/express` and `@oauth1a/koa`. */
export interface ConnectionsHandler {
  readonly basePath: string;
  /** Answers the routes under `basePath`; `null` for any other path. */
  handle(request: Request): Promise<Response | null>;
  /** The request owner's connections, or `undefined` when `owner(request)` names nobody. */
  context(request: Request): Promise<OwnerConnections | undefined>;
  /**
   * One request through an adapter: the routes' own `Response`, or `null` after putting the owner's
   * connections on `holder.connections` (Express `req`, Koa `ctx.state`) so the app's routes go on.
   */
  serve(request: Request, holder: ConnectionsHolder): Promise<Response | null>;
  /** True when `pathname` is under `basePath` (an adapter then hands the body over). */
  owns(pathname: string): boolean;
}

/** Where an adapter puts the owner's connections: `req.connections`, `ctx.state.connections`. */
export interface ConnectionsHolder {
  connections?: OwnerConnections | undefined;
}

type Action = 'test' | 'rename' | 'reconnect' | 'delete';
const ACTIONS = new Set<string>(['test', 'rename', 'reconnect', 'delete']);

/**
 * Creates the connections routes (see the package README for the full contract): connect, callback,
 * list, test, rename, reconnect, delete and import, each scoped to `owner(request)`. State changes are
 * POST only and refused cross-site; the app's origin is the one of the configured `callbackUrl`, never
 * the request's Host.
 */
export function createConnectionsHandler(options: ConnectionsHandlerOptions): ConnectionsHandler {
  if (typeof options?.owner !== 'function' || typeof options.connections?.complete !== 'function') {
    throw new OAuth1Error(
      'invalid_config',
      'createConnectionsHandler expects { connections: createConnections(...), owner: (request) => userId | undefined }',
    );
  }
  const { connections } = options;
  const basePath = normalizeBasePath(options.basePath ?? '/connections');
  const callback = new URL(connections.callbackUrl);
  if (callback.pathname !== `${basePath}/callback`) {
    throw new OAuth1Error(
      'invalid_config',
      `the connections' callbackUrl path is ${callback.pathname} but this handler answers ${basePath}/callback: make them the same`,
    );
  }
  const appOrigin = callback.origin;
  const forms = new Map(Object.entries(options.providers ?? {}));
  const logger = options.logger ?? console;

  async function ownerOf(request: Request): Promise<string> {
    const owner = await options.owner(request);
    if (typeof owner !== 'string' || owner === '') {
      throw new OAuth1Error(
        'not_authorized',
        'sign in to the app first: your connections belong to your account',
      );
    }
    return owner;
  }

  function refuseCrossSite(request: Request): void {
    if (isCrossSiteRequest(request, appOrigin)) {
      throw new OAuth1Error(
        'invalid_request',
        `refused: this POST is cross-site (its Origin or Sec-Fetch-Site header names another site); only pages of ${appOrigin} may change connections`,
        { status: 403 },
      );
    }
  }

  const returnToOf = (form: FormFields) => sanitizeReturnTo(form.get('returnTo'), appOrigin, basePath);

  async function connect(request: Request, owner: string, providerKey: string): Promise<Response> {
    const form = await readForm(request);
    const allowed = forms.get(providerKey) ?? {};
    const consumerKey = form.get('consumerKey');
    let consumer: { key: string; secret: string } | undefined;
    if (consumerKey !== undefined && consumerKey !== '') {
      if (allowed.ownConsumer !== true) {
        throw new OAuth1Error('invalid_request', `${providerKey} takes no consumer key of your own here`);
      }
      consumer = { key: consumerKey, secret: form.get('consumerSecret') ?? '' };
    }
    const { authorizeUrl } = await connections.connect({
      owner,
      provider: providerKey,
      label: nonEmpty(form.get('label')),
      returnTo: returnToOf(form),
      consumer,
      settings: settingsOf(form, allowed, providerKey),
    });
    return wantsJson(request) ? json({ authorizeUrl }) : seeOther(authorizeUrl);
  }

  async function importToken(request: Request, owner: string, providerKey: string): Promise<Response> {
    const form = await readForm(request);
    const allowed = forms.get(providerKey) ?? {};
    if (allowed.importToken !== true) {
      throw new OAuth1Error('not_found', `${providerKey} takes no pasted token here`);
    }
    const consumerKey = nonEmpty(form.get('consumerKey'));
    if (consumerKey !== undefined && allowed.ownConsumer !== true) {
      throw new OAuth1Error('invalid_request', `${providerKey} takes no consumer key of your own here`);
    }
    const connection = await connections.importToken({
      owner,
      provider: providerKey,
      token: form.get('token') ?? '',
      tokenSecret: form.get('tokenSecret') ?? '',
      label: nonEmpty(form.get('label')),
      consumer:
        consumerKey === undefined
          ? undefined
          : { key: consumerKey, secret: form.get('consumerSecret') ?? '' },
      settings: settingsOf(form, allowed, providerKey),
    });
    return wantsJson(request) ? json({ connection }, 201) : seeOther(returnToOf(form));
  }

  async function act(request: Request, owner: string, id: string, action: Action): Promise<Response> {
    const form = await readForm(request);
    let body: unknown;
    switch (action) {
      case 'test':
        body = { connection: await connections.test(owner, id) };
        break;
      case 'rename':
        body = { connection: await connections.rename(owner, id, form.get('label') ?? '') };
        break;
      case 'delete': {
        const { connection, revoke, error } = await connections.remove(owner, id);
        body = error === undefined ? { connection, revoke } : { connection, revoke, error };
        break;
      }
      case 'reconnect': {
        const existing: Connection | undefined = await connections.get(owner, id);
        if (existing === undefined) throw new OAuth1Error('not_found', `no connection ${id} for this owner`);
        const { authorizeUrl } = await connections.connect({
          owner,
          provider: existing.provider,
          reconnect: id,
          returnTo: returnToOf(form),
        });
        return wantsJson(request) ? json({ authorizeUrl }) : seeOther(authorizeUrl);
      }
    }
    return wantsJson(request) ? json(body) : seeOther(returnToOf(form));
  }

  async function route(request: Request, segments: string[]): Promise<Response | null> {
    const method = request.method;
    // GET {basePath}
    if (segments.length === 0) {
      if (method !== 'GET') throw wrongMethod('GET');
      return json({ connections: await connections.list(await ownerOf(request)) });
    }
    const [first, second] = segments as [string, string | undefined];
    // GET {basePath}/callback: the provider sends the user's browser here (a top-level GET).
    if (segments.length === 1 && first === 'callback') {
      if (method !== 'GET') throw wrongMethod('GET');
      const owner = await ownerOf(request);
      const { returnTo } = await connections.complete({ owner, query: new URL(request.url).searchParams });
      return seeOther(returnTo);
    }
    // GET {basePath}/{id}
    if (segments.length === 1) {
      if (method !== 'GET') throw wrongMethod('GET');
      const connection = await connections.get(await ownerOf(request), first);
      if (connection === undefined)
        throw new OAuth1Error('not_found', `no connection ${first} for this owner`);
      return json({ connection });
    }
    // Any other path under basePath is the app's own (a page at {basePath}/new/form, say).
    if (segments.length !== 2 || second === undefined) return null;
    if (second !== 'connect' && second !== 'import' && !ACTIONS.has(second)) return null;
    if (method !== 'POST') throw wrongMethod('POST');
    refuseCrossSite(request);
    const owner = await ownerOf(request);
    if (second === 'connect') return connect(request, owner, first);
    if (second === 'import') return importToken(request, owner, first);
    return act(request, owner, first, second as Action);
  }

  const owns = (path: string) => path === basePath || path.startsWith(`${basePath}/`);
  const handler: ConnectionsHandler = {
    basePath,
    owns,
    async handle(request) {
      const path = new URL(request.url).pathname;
      if (!owns(path)) return null;
      const segments = path
        .slice(basePath.length)
        .split('/')
        .filter((part) => part !== '');
      try {
        return await route(request, segments.map(decodeSegment));
      } catch (error) {
        // isOAuth1Error, not instanceof: an error from another copy of core (a CommonJS app) keeps its code.
        const oauthError = isOAuth1Error(error)
          ? error
          : // A store that fails (PostgreSQL restarting, say) or the app's owner() throwing: coded, retryable.
            new OAuth1Error(
              'internal_error',
              'the connections store or the app failed while handling this request; try again in a moment (the server log has the cause)',
              { status: 500, cause: error },
            );
        logServerError(logger, oauthError, request);
        const headers = new Headers();
        if (oauthError.status === 405) headers.set('allow', allowOf(oauthError));
        return defaultErrorResponse(oauthError, request, headers, titleOf(oauthError));
      }
    },
    async context(request) {
      const owner = await options.owner(request);
      return typeof owner === 'string' && owner !== '' ? ownerConnections(connections, owner) : undefined;
    },
    async serve(request, holder) {
      const response = await handler.handle(request);
      if (response !== null) return response;
      holder.connections = await handler.context(request);
      return null;
    },
  };
  return handler;
}

function settingsOf(
  form: FormFields,
  allowed: ProviderForm,
  providerKey: string,
): Record<string, string> | undefined {
  const given = Object.entries(form.settings()).filter(([, value]) => value !== '');
  if (given.length === 0) return undefined;
  const names = new Set(allowed.settings ?? []);
  const unknown = given.find(([name]) => !names.has(name));
  if (unknown !== undefined) {
    throw new OAuth1Error('invalid_request', `${providerKey} takes no setting "${unknown[0]}" here`);
  }
  return Object.fromEntries(given);
}

function normalizeBasePath(value: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /[?#\s]/.test(value)) {
    throw new OAuth1Error('invalid_config', 'basePath must be a path such as "/connections"');
  }
  return value.replace(/\/+$/, '') || '';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new OAuth1Error('invalid_request', 'the path holds a malformed %-escape');
  }
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

function wantsJson(request: Request): boolean {
  return /\bapplication\/json\b/i.test(request.headers.get('accept') ?? '');
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

const ALLOW = Symbol('allow');

function wrongMethod(allowed: 'GET' | 'POST'): OAuth1Error {
  const error = new OAuth1Error(
    'invalid_request',
    allowed === 'POST'
      ? 'this route changes a connection: send it as a form POST'
      : 'this route only answers GET',
    { status: 405 },
  );
  Object.defineProperty(error, ALLOW, { value: allowed });
  return error;
}

function allowOf(error: OAuth1Error): string {
  return (error as unknown as { [ALLOW]?: string })[ALLOW] ?? 'GET, POST';
}

function titleOf(error: OAuth1Error): string {
  if (error.code === 'access_denied') return 'Connection cancelled';
  if (error.status === 401) return 'Sign in first';
  return 'Connection failed';
}
