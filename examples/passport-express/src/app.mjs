import { apiCallPage, escapeHtml, homePage, page } from '@oauth1a/example-kit';
import { OAuth1Strategy } from '@oauth1a/passport';
import express from 'express';
import session from 'express-session';
import { Passport } from 'passport';

/**
 * The example app with Passport, as a passport-oauth1 app is written: the strategy from the three endpoint
 * URLs and the consumer key and secret, the user (with their token) in express-session, `/auth/provider`
 * and its callback, a protected page that makes a signed API call with the user's token, and logout.
 *
 * The relative callbackURL is resolved against the request's origin only on a loopback host (local
 * development); deployed, pass `origin` (your app's public origin, e.g. from APP_ORIGIN), or the login
 * is refused rather than trusting a Host header.
 *
 * @param {{ provider: import('@oauth1a/core').ProviderConfig, consumer: import('@oauth1a/core').ConsumerCredentials,
 *   sessionPassword: string, apiUrl: string, origin?: string }} options
 */
export function createApp({ provider, consumer, sessionPassword, apiUrl, origin }) {
  // One Passport per app keeps tests independent; an app of your own can use the `passport` singleton.
  const passport = new Passport();
  const strategy = new OAuth1Strategy(
    {
      requestTokenURL: provider.requestTokenUrl,
      accessTokenURL: provider.accessTokenUrl,
      userAuthorizationURL: provider.authorizeUrl,
      consumerKey: consumer.key,
      consumerSecret: consumer.secret ?? consumer.privateKey, // RSA methods: the PEM key, as in passport-oauth1
      callbackURL: '/auth/provider/callback', // relative: resolved against `origin`, or a loopback request
      ...(origin === undefined ? {} : { origin }),
      signatureMethod: provider.signatureMethod,
      realm: provider.realm,
      name: 'provider',
    },
    // As in passport-oauth1, profile is {} without a userProfile override or a profile mapping: the user's
    // id and name come from the access-token answer's params (user_id, screen_name), when it has them.
    (token, tokenSecret, params, _profile, done) =>
      done(null, { id: params.user_id, name: params.screen_name || 'you', token, tokenSecret }),
  );
  passport.use(strategy);
  // The whole user, token secret included, stays in the server-side session; the cookie holds only its id.
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user, done) => done(null, user));

  const app = express();
  app.use(
    session({
      secret: sessionPassword,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax' },
    }),
  );
  app.use(passport.initialize());
  app.use(passport.session());

  app.get('/', (req, res) => {
    // failureMessage: true leaves the failure's message in req.session.messages; show it once.
    const notice = req.session.messages?.at(-1);
    delete req.session.messages;
    res.type('html').send(
      homePage({
        title: 'oauth1a — Passport example',
        providerName: provider.name,
        user: req.user?.name,
        signInHref: '/auth/provider',
        signOutAction: '/logout',
        notice: notice && `Sign-in failed: ${notice}`,
      }),
    );
  });

  app.get('/auth/provider', passport.authenticate('provider'));
  app.get(
    '/auth/provider/callback',
    passport.authenticate('provider', { failureRedirect: '/', failureMessage: true }),
    (_req, res) => res.redirect('/api-call'),
  );

  app.get('/api-call', async (req, res) => {
    if (!req.user) return res.redirect('/');
    const signedFetch = strategy.signedFetch(req.user.token, req.user.tokenSecret);
    res.type('html').send(await apiCallPage(signedFetch, apiUrl));
  });

  app.post('/logout', (req, res, next) => {
    req.logout((error) => (error ? next(error) : res.redirect('/')));
  });

  // Faults (provider down, bad configuration) get a page that says what failed, never a stack trace.
  app.use((error, _req, res, _next) => {
    const status = Number.isInteger(error.status) && error.status >= 400 ? error.status : 500;
    // An InternalOAuthError wraps the coded OAuth1Error that explains it; neither message holds a secret.
    const detail = error.cause instanceof Error ? error.cause.message : '';
    res
      .status(status)
      .set({
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
      })
      .type('html')
      .send(
        page(
          'Sign-in failed',
          `<p id="error">${escapeHtml(error.message)}</p>${detail ? `<p id="detail">${escapeHtml(detail)}</p>` : ''}<p><a href="/">Back</a></p>`,
        ),
      );
  });

  return app;
}
