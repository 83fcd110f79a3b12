import { escapeHtml, page, pretty } from '@oauth1a/example-kit';
import { oauth1 } from '@oauth1a/express';
import express from 'express';

/**
 * The example app: a home page that knows whether you are signed in, "Sign in" (the login route),
 * a page that calls the provider's API through the signed client, and "Sign out".
 *
 * @param {{ provider: import('@oauth1a/core').ProviderConfig, consumer: import('@oauth1a/core').ConsumerCredentials,
 *   sessionPassword: string, apiUrl: string, baseUrl?: string }} options
 */
export function createApp({ provider, consumer, sessionPassword, apiUrl, baseUrl }) {
  const basePath = `/auth/${provider.id}`;
  const app = express();
  app.use(
    oauth1({
      provider,
      consumer,
      basePath,
      session: { password: sessionPassword },
      ...(baseUrl ? { baseUrl } : {}),
    }),
  );

  app.get('/', (req, res) => {
    const { authorized, profile } = req.oauth1;
    const body = authorized
      ? `<p id="status">Signed in with ${escapeHtml(provider.name)} as <strong id="user">${escapeHtml(profile?.name ?? profile?.id ?? 'you')}</strong>.</p>
         <p><a id="call-api" href="/api-call">Call the API</a></p>
         <form method="post" action="${basePath}/logout"><button id="sign-out">Sign out</button></form>`
      : `<p id="status">Not signed in.</p>
         <p><a id="sign-in" href="${basePath}/login?returnTo=/api-call">Sign in with ${escapeHtml(provider.name)}</a></p>`;
    res.type('html').send(page('oauth1a — Express example', body));
  });

  app.get('/api-call', async (req, res, next) => {
    if (!req.oauth1.authorized) return res.redirect('/');
    try {
      const response = await req.oauth1.fetch(apiUrl);
      const text = await response.text();
      res.type('html').send(
        page(
          'API call',
          `<p>GET ${escapeHtml(apiUrl)} answered <strong id="api-status">${response.status}</strong>:</p>
           <pre id="api-result">${escapeHtml(pretty(text))}</pre>
           <p><a href="/">Home</a></p>`,
        ),
      );
    } catch (error) {
      next(error);
    }
  });

  return app;
}
