import type { MockProvider } from '@oauth1a/mock-provider';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import { Passport, type Strategy } from 'passport';
import type supertest from 'supertest';

export type Agent = ReturnType<typeof supertest.agent>;

declare module 'express-session' {
  interface SessionData {
    messages?: string[];
  }
}

/** What the app's error handler answers: the error Passport's `error()` got, as JSON. */
export interface ErrorBody {
  name: string;
  /** The wrapped error's message, for an InternalOAuthError. */
  cause?: string;
  code?: string;
  message: string;
  providerStatus?: number;
}

export interface AppOptions {
  /** Mount express-session (default true). Without it, Passport runs with `session: false`. */
  session?: boolean;
  /** Options for the login route's `passport.authenticate`. */
  login?: Record<string, unknown>;
  /** Options for the callback route's `passport.authenticate`. */
  callback?: Record<string, unknown>;
}

/**
 * A real Express 5 app: express-session, a fresh Passport, GET /auth/provider (login),
 * GET /auth/provider/callback (failureRedirect /login-failed, failureMessage) answering the user as JSON.
 */
export function expressApp(strategies: Strategy | Strategy[], options: AppOptions = {}): express.Express {
  const withSession = options.session !== false;
  const passport = new Passport();
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: Express.User, done) => done(null, user));
  const app = express();
  if (withSession) {
    app.use(
      session({
        secret: 'a test secret of some length',
        resave: false,
        saveUninitialized: false,
        name: 'sid',
      }),
    );
  }
  app.use(passport.initialize());
  if (withSession) app.use(passport.session());
  // One strategy at /auth/provider; several at /auth/<name>.
  for (const strategy of Array.isArray(strategies) ? strategies : [strategies]) {
    const name = strategy.name ?? 'oauth';
    passport.use(name, strategy);
    const base = Array.isArray(strategies) ? `/auth/${name}` : '/auth/provider';
    app.get(base, passport.authenticate(name, { session: withSession, ...options.login }));
    app.get(
      `${base}/callback`,
      passport.authenticate(name, {
        session: withSession,
        failureRedirect: '/login-failed',
        failureMessage: withSession,
        ...options.callback,
      }),
      (req, res) => {
        res.json({ user: req.user, authInfo: req.authInfo ?? null });
      },
    );
  }
  app.get('/login-failed', (req, res) => {
    res.status(401).json({ messages: req.session?.messages ?? [] });
  });
  app.get('/me', (req, res) => {
    res.json({ user: req.user ?? null });
  });
  const onError: ErrorRequestHandler = (
    error: Error & { code?: string; status?: number },
    _req,
    res,
    _next,
  ) => {
    // An InternalOAuthError wraps the OAuth1Error (its cause) that holds the provider's answer.
    const wrapped = (error as { oauthError?: { provider?: { status: number } } }).oauthError;
    const provider = (error as { provider?: { status: number } }).provider ?? wrapped?.provider;
    const body: ErrorBody = { name: error.name, message: error.message };
    if (error.code !== undefined) body.code = error.code;
    if (error.cause instanceof Error) body.cause = error.cause.message;
    if (provider !== undefined) body.providerStatus = provider.status;
    res.status(typeof error.status === 'number' ? error.status : 500).json(body);
  };
  app.use(onError);
  return app;
}

export type Decision = 'approve' | 'deny';

export interface LoginRun {
  /** The app's answer to GET /auth/provider. */
  location: URL;
  /** The callback URL the provider sent the browser to. */
  callback: URL;
  /** The app's answer to the callback. */
  response: supertest.Response;
}

/** The request token in the authorize redirect. */
export function requestTokenOf(location: URL): string {
  const token = location.searchParams.get('oauth_token');
  if (token === null) throw new Error(`no oauth_token in ${location.href}`);
  return token;
}

/** Leg 2 as a browser does it: GET the mock's authorize page, POST its form; returns the callback URL. */
export async function decideOnPage(authorizeUrl: URL, decision: Decision, userId?: string): Promise<URL> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const token = /name="oauth_token" value="([^"]+)"/.exec(html)?.[1];
  const firstUser = /<option value="([^"]+)"/.exec(html)?.[1];
  if (action === undefined || token === undefined || firstUser === undefined) {
    throw new Error(`no consent form on the authorize page (${page.status}): ${html.slice(0, 200)}`);
  }
  const answer = await fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    body: new URLSearchParams({ oauth_token: token, user_id: userId ?? firstUser, action: decision }),
    redirect: 'manual',
  });
  const next = answer.headers.get('location');
  if (answer.status !== 302 || next === null) {
    throw new Error(`the consent form answered ${answer.status}: ${await answer.text()}`);
  }
  return new URL(next);
}

/** GET the login route and check the redirect goes to the mock's authorize page. */
export async function startLogin(agent: Agent, mock: MockProvider, path = '/auth/provider'): Promise<URL> {
  const start = await agent.get(path);
  if (start.status !== 302) throw new Error(`login answered ${start.status}: ${start.text}`);
  const location = new URL(start.headers.location ?? '');
  if (`${location.origin}${location.pathname}` !== mock.endpoints.authorize) {
    throw new Error(`login redirected to ${location.href}, not the mock's authorize page`);
  }
  return location;
}

/** The callback URL's path and query, to replay it against the app with the agent's cookies. */
export function pathOf(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** A whole login like a browser: login route, the mock's consent form, then the app's callback. */
export async function browserLogin(
  agent: Agent,
  mock: MockProvider,
  options: { decision?: Decision; path?: string; userId?: string } = {},
): Promise<LoginRun> {
  const location = await startLogin(agent, mock, options.path);
  const callback = await decideOnPage(location, options.decision ?? 'approve', options.userId);
  const response = await agent.get(pathOf(callback));
  return { location, callback, response };
}

/** passport-oauth1-style options for the mock's first consumer. */
export function endpointOptions(mock: MockProvider, callbackURL = 'http://127.0.0.1/auth/provider/callback') {
  return {
    requestTokenURL: mock.endpoints.requestToken,
    accessTokenURL: mock.endpoints.accessToken,
    userAuthorizationURL: mock.endpoints.authorize,
    consumerKey: mock.consumer.key,
    consumerSecret: mock.consumer.secret ?? mock.consumer.privateKey ?? '',
    callbackURL,
  };
}
