import { apiCallPage, homePage } from '@oauth1a/example-kit';
import { oauth1 } from '@oauth1a/koa';
import Koa from 'koa';

/**
 * The example app on Koa: a home page that knows whether you are signed in, "Sign in" (the login route),
 * a page that calls the provider's API through the signed client, and "Sign out". No router: two routes
 * are matched on `ctx.method` and `ctx.path`.
 *
 * @param {{ provider: import('@oauth1a/koa').ProviderConfig, consumer: import('@oauth1a/koa').ConsumerCredentials,
 *   sessionPassword: string, apiUrl: string }} options
 */
export function createApp({ provider, consumer, sessionPassword, apiUrl }) {
  const basePath = `/auth/${provider.id}`;
  const app = new Koa();
  // GET {basePath}/login, GET {basePath}/callback, POST {basePath}/logout; ctx.state.oauth1 for the rest.
  app.use(oauth1({ provider, consumer, basePath, session: { password: sessionPassword } }));

  const routes = {
    'GET /': (ctx) => {
      const { authorized, profile } = ctx.state.oauth1;
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
      if (!ctx.state.oauth1.authorized) return ctx.redirect('/');
      ctx.type = 'html';
      ctx.body = await apiCallPage(ctx.state.oauth1.fetch, apiUrl);
    },
  };
  app.use(async (ctx, next) => {
    const route = routes[`${ctx.method} ${ctx.path}`];
    return route ? route(ctx) : next();
  });

  return app;
}
