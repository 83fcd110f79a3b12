import { isOAuth1Error } from '@oauth1a/connections';
import { isCrossSiteRequest, isLoopbackHost } from '@oauth1a/core';
import { ERROR_PAGE_HEADERS, errorPage } from '@oauth1a/example-kit';
import { connectionsRoutes } from '@oauth1a/express';
import express from 'express';
import { issueMockToken, mockConsolePage } from './mock-console.mjs';
import { parseUsername, signIn } from './signin.mjs';
import { apiResultPage, connectionsPage, messagePage, signInPage } from './views.mjs';

export const BASE_PATH = '/connections';

/**
 * The example app: its own sign-in, then each user's connections (`@oauth1a/connections`' routes under
 * /connections, mounted by `@oauth1a/express`), the connections page, a signed call through a chosen
 * connection, and, in mock mode, the mock provider's token console.
 *
 * @param {{ connections: import('@oauth1a/connections').Connections, appOrigin: string, sessionPassword: string,
 *   forms: Record<string, import('@oauth1a/connections').ProviderForm>, views: Record<string, object>,
 *   mocks?: Record<string, import('@oauth1a/mock-provider').MockProvider | undefined>,
 *   providers?: Record<string, import('@oauth1a/connections').ProviderEntry>, trustedHost?: boolean }} options
 *   `appOrigin`: where users open the app (the callback URL's origin). `trustedHost`: true behind a proxy with
 *   OAUTH1A_BASE_URL, where the Host header is the proxy's business; otherwise only loopback hosts are served.
 */
export function createApp({
  connections,
  appOrigin,
  sessionPassword,
  forms,
  views,
  mocks = {},
  providers = {},
  trustedHost = false,
}) {
  const origin = new URL(appOrigin);
  const session = signIn({ password: sessionPassword, secure: origin.protocol === 'https:' });
  const app = express();
  app.disable('x-powered-by');
  if (trustedHost) app.set('trust proxy', 'loopback');
  app.use(hostGuard(origin, trustedHost));
  app.use(session.middleware);
  app.use(pageHeaders);
  // One line mounts connect, callback, list, test, rename, reconnect, delete and import under /connections,
  // each scoped to the signed-in user, and puts that user's connections on req.connections.
  app.use(
    connectionsRoutes({ connections, owner: (req) => req.user, basePath: BASE_PATH, providers: forms }),
  );

  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const sameOrigin = refuseCrossSite(appOrigin);

  app.get('/', async (req, res) => {
    if (!req.user) return res.type('html').send(signInPage());
    const mockConsole = Object.fromEntries(
      Object.keys(mocks)
        .filter((id) => views[id]?.importToken)
        .map((id) => [id, `/mock-console/${id}`]),
    );
    res.type('html').send(
      connectionsPage({
        user: req.user,
        connections: await req.connections.list(),
        views,
        basePath: BASE_PATH,
        mockConsole,
      }),
    );
  });

  app.post('/signin', sameOrigin, form, async (req, res) => {
    const username = parseUsername(req.body.username);
    if (!username) {
      return res
        .status(400)
        .type('html')
        .send(signInPage('Pick a username of 1 to 40 letters, digits, dots, dashes or underscores.'));
    }
    await session.start(res, username);
    res.redirect(303, '/');
  });

  app.post('/signout', sameOrigin, (_req, res) => {
    session.end(res);
    res.redirect(303, '/');
  });

  // A signed call through one of the user's connections. POST: a 401 there marks the connection.
  app.post('/call', sameOrigin, form, async (req, res) => {
    if (!req.user) return refuse(res, 401, 'Sign in first.', 'not_authorized');
    const id = String(req.body.connection ?? '');
    const connection = await req.connections.get(id);
    if (!connection) return refuse(res, 404, 'No such connection.', 'not_found', req.user);
    const path = String(req.body.path ?? '');
    // Relative to the provider's API base URL; the connection's fetch refuses any other origin.
    const signedFetch = await req.connections.fetch(id);
    const response = await signedFetch(path);
    res.type('html').send(
      apiResultPage({
        user: req.user,
        connection,
        providerName: views[connection.provider]?.name ?? connection.provider,
        url: response.url || path,
        status: response.status,
        body: await response.text(),
      }),
    );
  });

  // Mock mode only: the mock provider's "console" that issues a token to paste (NetSuite TBA style).
  for (const [id, mock] of Object.entries(mocks)) {
    if (!mock || !views[id]?.importToken) continue;
    const accountId = views[id].settings?.find((setting) => setting.name === 'accountId')?.example;
    const consolePage = (issued) =>
      mockConsolePage({ providerName: views[id].name, users: mock.users, issued, accountId });
    app.get(`/mock-console/${id}`, (_req, res) => res.type('html').send(consolePage()));
    app.post(`/mock-console/${id}`, sameOrigin, form, async (req, res) => {
      const user = mock.users.find((candidate) => candidate.id === String(req.body.userId)) ?? mock.users[0];
      const entry = providers[id];
      const provider = typeof entry.provider === 'function' ? entry.provider({ accountId }) : entry.provider;
      const issued = await issueMockToken({ mock, provider, consumer: entry.consumer, userId: user.id });
      res.type('html').send(consolePage({ ...issued, userName: user.name }));
    });
  }

  // Last: every error becomes a page with its code (an OAuth1Error's message never holds a secret),
  // anything else a generic line; never a stack trace.
  app.use((error, _req, res, next) => {
    if (res.headersSent) return next(error);
    // Express's body parser says what was wrong with a form (too large, malformed): a 4xx, not our fault.
    if (!isOAuth1Error(error) && error?.expose && error.status >= 400 && error.status < 500) {
      return refuse(
        res,
        error.status,
        'The form could not be read: send a smaller or well-formed form.',
        'invalid_request',
      );
    }
    const { status, html } = errorPage(error);
    res.status(status).set(ERROR_PAGE_HEADERS).type('html').send(html);
  });

  return app;
}

/**
 * Serves only the app's own host. Without OAUTH1A_BASE_URL the app listens on loopback and answers only
 * loopback Host names (a DNS-rebinding page gets 421), and a GET on another loopback name (localhost
 * for 127.0.0.1) is sent to the app's origin, where the sign-in cookie and the callback live.
 */
function hostGuard(origin, trustedHost) {
  return (req, res, next) => {
    if (trustedHost) return next();
    const host = req.headers.host ?? '';
    if (host === origin.host) return next();
    if (!isLoopbackHost(host)) {
      return refuse(res, 421, `This app answers on ${origin.origin} only.`, 'invalid_request');
    }
    if (req.method === 'GET') return res.redirect(307, `${origin.origin}${req.originalUrl}`);
    return refuse(res, 421, `Open the app on ${origin.origin}.`, 'invalid_request');
  };
}

/** The app's own POST routes refuse cross-site requests, with core's rule (Sec-Fetch-Site, Origin). */
function refuseCrossSite(appOrigin) {
  return (req, res, next) => {
    const headers = new Headers();
    for (const name of ['origin', 'sec-fetch-site']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    if (!isCrossSiteRequest(new Request(appOrigin, { headers }), appOrigin)) return next();
    refuse(res, 403, 'Refused: this form was posted from another site.', 'invalid_request');
  };
}

/**
 * Every page: not cached (it lists a user's connections), no script runs (the pages need none, so an
 * escaping slip could not run one either), nothing frames it.
 */
function pageHeaders(_req, res, next) {
  res.set({
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  next();
}

function refuse(res, status, text, code, user) {
  res
    .status(status)
    .set(ERROR_PAGE_HEADERS)
    .type('html')
    .send(messagePage('Refused', text, { user, code }));
}
