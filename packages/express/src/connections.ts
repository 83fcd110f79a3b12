// Stored connections (@oauth1a/connections) on Express: its Web routes mounted in one line, and the
// signed-in user's connections on req.connections. @oauth1a/connections is an optional peer: it is
// loaded when connectionsRoutes() is called, never by an app that does not use it.

import { createRequire } from 'node:module';
import type { ConnectionsHandler, ConnectionsHandlerOptions, OwnerConnections } from '@oauth1a/connections';
import { OAuth1Error } from '@oauth1a/core';
import { toWebRequest, withNodeBody, writeWebResponse } from '@oauth1a/core/node';
import type { NextFunction, Request, Response } from 'express';

declare global {
  namespace Express {
    interface Request {
      /** The signed-in user's connections, set by `connectionsRoutes()` (undefined without a user). */
      connections?: OwnerConnections | undefined;
    }
  }
}

/** `createConnectionsHandler`'s options, with `owner` read from the Express request. */
export interface ConnectionsRoutesOptions extends Omit<ConnectionsHandlerOptions, 'owner'> {
  /** The app's signed-in user (`req.session.userId`, `req.user?.id`); `undefined` answers 401. */
  owner: (req: Request) => string | undefined | Promise<string | undefined>;
}

export interface ConnectionsMiddleware {
  (req: Request, res: Response, next: NextFunction): void;
  /** The Web handler, once loaded (a rejected promise carries an `invalid_config` of the options). */
  readonly handler: Promise<ConnectionsHandler>;
}

/**
 * Mounts the connections routes under `basePath` (default `/connections`; see @oauth1a/connections'
 * README for the route contract) and puts the owner's connections on `req.connections` for later
 * routes. Form bodies are read by the handler itself, or taken from `req.body` when a parser ran first.
 */
export function connectionsRoutes(options: ConnectionsRoutesOptions): ConnectionsMiddleware {
  if (typeof options?.owner !== 'function') {
    throw new OAuth1Error(
      'invalid_config',
      'connectionsRoutes expects { connections, owner: (req) => userId | undefined }',
    );
  }
  const owners = new WeakMap<globalThis.Request, string | undefined>();
  const handler = loadConnections().then(({ createConnectionsHandler }) =>
    createConnectionsHandler({ ...options, owner: (request) => owners.get(request) }),
  );
  handler.catch(() => {}); // reported by every request through next(err), not as an unhandled rejection
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    (async () => {
      const routes = await handler;
      let request = toWebRequest(req, { protocol: req.protocol, host: req.get('host') });
      if (routes.owns(new URL(request.url).pathname)) request = withNodeBody(request, req, req.body);
      owners.set(request, await options.owner(req));
      const response = await routes.serve(request, req);
      if (response === null) next();
      else await writeWebResponse(res, response);
    })().catch(next);
  };
  return Object.assign(middleware, { handler });
}

/**
 * @oauth1a/connections, loaded on first use (an optional peer). The CommonJS build (where `__filename`
 * exists) requires it, so a CommonJS app gets the same copy it created its `connections` with (one
 * OAuth1Error class); the ESM build imports it.
 */
function loadConnections(): Promise<typeof import('@oauth1a/connections')> {
  if (typeof __filename === 'string') {
    const load = createRequire(__filename);
    return Promise.resolve().then(
      () => load('@oauth1a/connections') as typeof import('@oauth1a/connections'),
    );
  }
  return import('@oauth1a/connections');
}
