import { apiCallPage, ERROR_PAGE_HEADERS, errorPage, homePage } from '@oauth1a/example-kit';
import { getOAuth1, oauth1 } from '@oauth1a/express';
import express from 'express';

/**
 * The example app: a home page that knows whether you are signed in, "Sign in" (the login route),
 * a page that calls the provider's API through the signed client, and "Sign out".
 *
 * @param {{ provider: import('@oauth1a/express').ProviderConfig, consumer: import('@oauth1a/express').ConsumerCredentials,
 *   sessionPassword: string, apiUrl: string, baseUrl?: string }} options `baseUrl`: the app's public
 *   origin (https://your.app); needed unless the app is opened on localhost or 127.0.0.1
 */
export function createApp({ provider, consumer, sessionPassword, apiUrl, baseUrl }) {
  const basePath = `/auth/${provider.id}`;
  const app = express();
  // GET {basePath}/login, GET {basePath}/callback, POST {basePath}/logout; req.oauth1 for every other route.
  app.use(oauth1({ provider, consumer, basePath, baseUrl, session: { password: sessionPassword } }));

  app.get('/', (req, res) => {
    const { authorized, profile } = getOAuth1(req);
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
    const connection = getOAuth1(req);
    if (!connection.authorized) return res.redirect('/');
    try {
      res.type('html').send(await apiCallPage(connection.fetch, apiUrl));
    } catch (error) {
      next(error);
    }
  });

  // Last: any error becomes the error page (an OAuth1Error's message and code), never a stack trace.
  app.use((error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, html } = errorPage(error);
    res.status(status).set(ERROR_PAGE_HEADERS).type('html').send(html);
  });

  return app;
}
