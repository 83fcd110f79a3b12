// @oauth1a/koa: the Koa 2/3 adapter. It only converts Koa requests to Web ones and back; the routes, the
// sealed session and the signed client all live in @oauth1a/core.
import {
  createOAuth1Handler,
  getOAuth1Context,
  type OAuth1Context,
  OAuth1Error,
  type OAuth1Handler,
  type OAuth1HandlerOptions,
  type OAuth1Holder,
  serveOAuth1,
} from '@oauth1a/core';
import { toWebRequest, writeWebResponse } from '@oauth1a/core/node';
import type { Context, Middleware, Next } from 'koa';

// OAuth1Error, ErrorCode and the types an app needs (ProviderConfig, AccessCredentials, SignedFetch, ...).
export * from '@oauth1a/core/adapter';

/** The options of `oauth1()`: the same for Express, Koa and core's `createOAuth1Handler`. */
export type OAuth1Options = OAuth1HandlerOptions;

/** What `oauth1()` adds to `ctx.state`; extend your own state type with it if you parameterize Koa. */
export type OAuth1State = OAuth1Holder;

declare module 'koa' {
  interface DefaultState {
    /** The first-mounted provider's connection, set by `oauth1()`; `getOAuth1(ctx)` reads it typed. */
    oauth1?: OAuth1Context;
    /** Every mounted provider's connection by provider id; `getOAuth1(ctx, id)` reads one. */
    oauth1s?: Record<string, OAuth1Context>;
  }
}

/** A Koa middleware that also exposes the core handler it serves (its `providerId` and `basePath`). */
export type OAuth1Middleware = Middleware & { readonly handler: OAuth1Handler };

/**
 * Mounts `GET {basePath}/login`, `GET {basePath}/callback` and `POST {basePath}/logout` and puts the
 * connection on `ctx.state.oauth1` (first-mounted provider) and `ctx.state.oauth1s[providerId]`. Invalid
 * options throw `invalid_config` here, at startup. `ctx.protocol` and `ctx.host` honour `app.proxy`. Our
 * routes are written with core's Node writer (`ctx.respond = false`), byte for byte what Express sends;
 * OAuth failures are answered by `onError` or the default page, other faults are thrown to Koa.
 */
export function oauth1(options: OAuth1Options): OAuth1Middleware {
  const handler = createOAuth1Handler(options);
  const middleware = async (ctx: Context, next: Next): Promise<void> => {
    const request = toWebRequest(ctx.req, { protocol: ctx.protocol, host: ctx.host, path: ctx.originalUrl });
    const response = await serveOAuth1(handler, request, ctx.state as OAuth1State);
    if (response === null) return next().catch(exposeClientError);
    ctx.respond = false;
    await writeWebResponse(ctx.res, response);
  };
  return Object.assign(middleware, { handler });
}

/**
 * Koa answers an error without `expose` by its bare status text ("Unauthorized"). An OAuth1Error under
 * 500 (not_authorized from a signed call before sign-in, say) carries no secret and says what to do, so
 * Koa may show it, as Express's error page does; 5xx faults keep their status text.
 */
function exposeClientError(error: unknown): never {
  if (error instanceof OAuth1Error && error.status < 500 && !('expose' in error)) {
    Object.defineProperty(error, 'expose', { value: true, enumerable: false });
  }
  throw error;
}

/**
 * The connection `oauth1()` put on this request: the first-mounted provider's, or `providerId`'s.
 * Throws `invalid_config` when no matching `oauth1()` ran before the route.
 */
export function getOAuth1(ctx: Pick<Context, 'state'>, providerId?: string): OAuth1Context {
  return getOAuth1Context(ctx.state as OAuth1State, providerId);
}
export {
  type ConnectionsMiddleware,
  type ConnectionsRoutesOptions,
  connectionsRoutes,
} from './connections.js';
