import { apiCallPage, ERROR_PAGE_HEADERS, errorPage, homePage } from '@oauth1a/example-kit';
import { getOAuth1, oauth1 } from '@oauth1a/koa';
import Koa from 'koa';

/**
 * The example app on Koa: a home page that knows whether you are signed in, "Sign in" (the login route),
 * a page that calls the provider's API through the signed client, and "Sign out". No router: two routes
 * are matched on `ctx.method` and `ctx.path`.
 *
 * @param {{ provider: import('@oauth1a/koa').ProviderConfig, consumer: import('@oauth1a/koa').ConsumerCredentials,
 *   sessionPassword: string, apiUrl: string, baseUrl?: string }} options `baseUrl`: the app's public
 *   origin (https://your.app); needed unless the app is opened on localhost or 127.0.0.1
 */
export function createApp({ provider, consumer, sessionPassword, apiUrl, baseUrl }) {
  const basePath = `/auth/${provider.id}`;
  const app = new Koa();
  // First: any error below becomes the error page (an OAuth1Error's message and code), never a stack.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const { status, html } = errorPage(error);
      ctx.status = status;
      ctx.set(ERROR_PAGE_HEADERS);
      ctx.type = 'html';
      ctx.body = html;
    }
  });
  // GET {basePath}/login, GET {basePath}/callback, POST {basePath}/logout; ctx.state.oauth1 for the rest.
  app.use(oauth1({ provider, consumer, basePath, baseUrl, session: { password: sessionPassword } }));

  const routes = {
    'GET /': (ctx) => {
      const { authorized, profile } = getOAuth1(ctx);
      ctx.type = 'html';
      ctx.body = homePage({
        title: 'oauth1a — Koa example',
        providerName: provider.name,
        user: authorized ? (profile?.name ?? profile?.id ?? 'you') : undefined,
        signInHref: `${basePath}/login?returnTo=/api-call`,
        signOutAction: `${basePath}/logout`,
      });
    },
    'GET /api-call': async (ctx) => {
      const connection = getOAuth1(ctx);
      if (!connection.authorized) return ctx.redirect('/');
      ctx.type = 'html';
      ctx.body = await apiCallPage(connection.fetch, apiUrl);
    },
  };
  app.use(async (ctx, next) => {
    const route = routes[`${ctx.method} ${ctx.path}`];
    return route ? route(ctx) : next();
  });

  return app;
}
