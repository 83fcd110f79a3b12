// The apps the benchmarks compare, each a complete login (leg 1, authorize redirect, callback with
// leg 3 and "who am I"), a route that makes one signed call and an ordinary route that makes none
// (GET /hello): oauth1a's Express adapter with its sealed cookies, passport-oauth1 + express-session
// (MemoryStore) as its users run it today, and bare Express (the ordinary route alone) as the yardstick.
import type { MockConsumerCredentials } from '@oauth1a/mock-provider';
import express, { type Express } from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as OAuthStrategy } from 'passport-oauth1';
import { getOAuth1, oauth1, type ProviderConfig } from '../src/index.js';

export interface ProviderSetup {
  provider: ProviderConfig;
  consumer: MockConsumerCredentials;
  echo: string;
  whoami: string;
}

const SECRET = 'benchmark-password-of-at-least-32-characters';

/** The ordinary route every app serves: it reads nothing of the session and calls nobody. */
function hello(app: Express): Express {
  app.get('/hello', (_req, res) => {
    res.type('text').send('hello');
  });
  return app;
}

export function bareApp(): Express {
  return hello(express());
}

export function oauth1aApp({ provider, consumer, echo }: ProviderSetup): Express {
  const app = express();
  app.use(oauth1({ provider, consumer, session: { password: SECRET } }));
  hello(app);
  app.get('/api/echo', async (req, res) => {
    const response = await getOAuth1(req).fetch(echo);
    res.status(response.status).json(await response.json());
  });
  return app;
}

interface BenchUser {
  id: string;
  token: string;
  tokenSecret: string;
}

export function passportApp({ provider, consumer, echo, whoami }: ProviderSetup, origin: string): Express {
  const strategy = new OAuthStrategy(
    {
      requestTokenURL: provider.requestTokenUrl,
      accessTokenURL: provider.accessTokenUrl,
      userAuthorizationURL: provider.authorizeUrl,
      consumerKey: consumer.key,
      consumerSecret: consumer.secret ?? '',
      callbackURL: `${origin}/auth/mock/callback`,
    },
    (token, tokenSecret, profile, done) => done(null, { id: String(profile.id), token, tokenSecret }),
  );
  // The same "who am I" call oauth1a makes, so both sides do the same work.
  strategy.userProfile = (token, tokenSecret, _params, done) => {
    strategy._oauth.get(whoami, token, tokenSecret, (error, body) =>
      error ? done(error) : done(null, JSON.parse(String(body)) as Record<string, unknown>),
    );
  };
  const authenticator = new passport.Passport();
  authenticator.use('oauth', strategy);
  authenticator.serializeUser((user, done) => done(null, user));
  authenticator.deserializeUser((user: BenchUser, done) => done(null, user));

  const app = express();
  app.use(session({ secret: SECRET, resave: false, saveUninitialized: false }));
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  hello(app);
  app.get('/auth/mock/login', authenticator.authenticate('oauth'));
  app.get(
    '/auth/mock/callback',
    authenticator.authenticate('oauth', { failureRedirect: '/failed' }),
    (_req, res) => res.redirect('/'),
  );
  app.get('/api/echo', (req, res) => {
    const user = req.user as BenchUser | undefined;
    if (!user) {
      res.status(401).end();
      return;
    }
    strategy._oauth.get(echo, user.token, user.tokenSecret, (error, body) =>
      error ? res.status(502).end() : res.type('json').send(String(body)),
    );
  });
  return app;
}
