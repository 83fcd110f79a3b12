// @oauth1a/express: the Express 4/5 adapter. It only converts Express requests to Web ones and back; the
// routes, the sealed session and the signed client all live in @oauth1a/core.
import {
  createOAuth1Handler,
  getOAuth1Context,
  type OAuth1Context,
  type OAuth1Handler,
  type OAuth1HandlerOptions,
  serveOAuth1,
} from '@oauth1a/core';
import { toWebRequest, writeWebResponse } from '@oauth1a/core/node';
import type { NextFunction, Request, Response } from 'express';

// OAuth1Error, ErrorCode and the types an app needs (ProviderConfig, AccessCredentials, SignedFetch, ...).
export * from '@oauth1a/core/adapter';

/** The options of `oauth1()`: the same for Express, Koa and core's `createOAuth1Handler`. */
export type OAuth1Options = OAuth1HandlerOptions;

declare global {
  namespace Express {
    interface Request {
      /** The first-mounted provider's connection, set by `oauth1()`; `getOAuth1(req)` reads it typed. */
      oauth1?: OAuth1Context;
      /** Every mounted provider's connection by provider id; `getOAuth1(req, id)` reads one. */
      oauth1s?: Record<string, OAuth1Context>;
    }
  }
}

/** An Express middleware that also exposes the core handler it serves (its `providerId` and `basePath`). */
export interface OAuth1Middleware {
  (req: Request, res: Response, next: NextFunction): void;
  readonly handler: OAuth1Handler;
}

/**
 * Mounts `GET {basePath}/login`, `GET {basePath}/callback` and `POST {basePath}/logout` and puts the
 * connection on `req.oauth1` (first-mounted provider) and `req.oauth1s[providerId]` for later routes.
 * Invalid options throw `invalid_config` here, at startup. The origin comes from `req.protocol` and the
 * Host header, so `app.set('trust proxy', ...)` decides whether X-Forwarded-Proto counts. OAuth failures
 * are answered by `onError` or the default page; only other faults (a throwing `loadCredentials`, say)
 * reach `next(err)`.
 */
export function oauth1(options: OAuth1Options): OAuth1Middleware {
  const handler = createOAuth1Handler(options);
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    serveOAuth1(handler, toWebRequest(req, { protocol: req.protocol, host: req.get('host') }), req).then(
      (response) => (response === null ? next() : writeWebResponse(res, response).catch(next)),
      next,
    );
  };
  return Object.assign(middleware, { handler });
}

/**
 * The connection `oauth1()` put on this request: the first-mounted provider's, or `providerId`'s.
 * Throws `invalid_config` when no matching `oauth1()` ran before the route.
 */
export function getOAuth1(req: Request, providerId?: string): OAuth1Context {
  return getOAuth1Context(req, providerId);
}
export {
  type ConnectionsMiddleware,
  type ConnectionsRoutesOptions,
  connectionsRoutes,
} from './connections.js';
