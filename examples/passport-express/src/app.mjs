import { apiCallPage, homePage } from '@oauth1a/example-kit';
import { OAuth1Strategy } from '@oauth1a/passport';
import express from 'express';
import session from 'express-session';
import { Passport } from 'passport';

/**
 * The example app with Passport, as a passport-oauth1 app is written: the strategy from the three endpoint
 * URLs and the consumer key and secret, the user (with their token) in express-session, `/auth/provider`
 * and its callback, a protected page that makes a signed API call with the user's token, and logout.
 *
 * @param {{ provider: import('@oauth1a/core').ProviderConfig, consumer: import('@oauth1a/core').ConsumerCredentials,
 *   sessionPassword: string, apiUrl: string }} options
 */
export function createApp({ provider, consumer, sessionPassword, apiUrl }) {
  // One Passport per app keeps tests independent; an app of your own can use the `passport` singleton.
  const passport = new Passport();
  const strategy = new OAuth1Strategy(
    {
      requestTokenURL: provider.requestTokenUrl,
      accessTokenURL: provider.accessTokenUrl,
      userAuthorizationURL: provider.authorizeUrl,
      consumerKey: consumer.key,
      consumerSecret: consumer.secret ?? consumer.privateKey, // RSA methods: the PEM key, as in passport-oauth1
      callbackURL: '/auth/provider/callback', // relative: resolved against the request's origin
      signatureMethod: provider.signatureMethod,
      realm: provider.realm,
      name: 'provider',
    },
    // profile: { provider, id, displayName, username, _json } from the access-token answer's user_id and screen_name.
    (token, tokenSecret, profile, done) =>
      done(null, { id: profile.id, name: profile.displayName || 'you', token, tokenSecret }),
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

  return app;
}
