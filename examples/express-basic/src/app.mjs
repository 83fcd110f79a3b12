import { apiCallPage, homePage } from '@oauth1a/example-kit';
import { oauth1 } from '@oauth1a/express';
import express from 'express';

/**
 * The example app: a home page that knows whether you are signed in, "Sign in" (the login route),
 * a page that calls the provider's API through the signed client, and "Sign out".
 *
 * @param {{ provider: import('@oauth1a/express').ProviderConfig, consumer: import('@oauth1a/express').ConsumerCredentials,
 *   sessionPassword: string, apiUrl: string }} options
 */
export function createApp({ provider, consumer, sessionPassword, apiUrl }) {
  const basePath = `/auth/${provider.id}`;
  const app = express();
  // GET {basePath}/login, GET {basePath}/callback, POST {basePath}/logout; req.oauth1 for every other route.
  app.use(oauth1({ provider, consumer, basePath, session: { password: sessionPassword } }));

  app.get('/', (req, res) => {
    const { authorized, profile } = req.oauth1;
    res.type('html').send(
      homePage({
        title: 'oauth1a — Express example',
        providerName: provider.name,
        user: authorized ? (profile?.name ?? profile?.id ?? 'you') : undefined,
        signInHref: `${basePath}/login?returnTo=/api-call`,
        signOutAction: `${basePath}/logout`,
      }),
    );
  });

  app.get('/api-call', async (req, res, next) => {
    if (!req.oauth1.authorized) return res.redirect('/');
    try {
      res.type('html').send(await apiCallPage(req.oauth1.fetch, apiUrl));
    } catch (error) {
      next(error);
    }
  });

  return app;
}
