// Stored connections (@oauth1a/connections) on Koa: its Web routes mounted in one line, and the
// signed-in user's connections on ctx.state.connections. @oauth1a/connections is an optional peer: it is
// loaded when connectionsRoutes() is called, never by an app that does not use it.

import { createRequire } from 'node:module';
import type { ConnectionsHandler, ConnectionsHandlerOptions, OwnerConnections } from '@oauth1a/connections';
import { OAuth1Error } from '@oauth1a/core';
import { toWebRequest, withNodeBody, writeWebResponse } from '@oauth1a/core/node';
import type { Context, Middleware, Next } from 'koa';

declare module 'koa' {
  interface DefaultState {
    /** The signed-in user's connections, set by `connectionsRoutes()` (undefined without a user). */
    connections?: OwnerConnections | undefined;
  }
}

/** `createConnectionsHandler`'s options, with `owner` read from the Koa context. */
export interface ConnectionsRoutesOptions extends Omit<ConnectionsHandlerOptions, 'owner'> {
  /** The app's signed-in user (`ctx.session.userId`, `ctx.state.user?.id`); `undefined` answers 401. */
  owner: (ctx: Context) => string | undefined | Promise<string | undefined>;
}

export type ConnectionsMiddleware = Middleware & {
  /** The Web handler, once loaded (a rejected promise carries an `invalid_config` of the options). */
  readonly handler: Promise<ConnectionsHandler>;
};

/**
 * Mounts the connections routes under `basePath` (default `/connections`; see @oauth1a/connections'
 * README for the route contract) and puts the owner's connections on `ctx.state.connections` for later
 * middleware. Form bodies are read by the handler itself, or taken from `ctx.request.body` when a body
 * parser ran first.
 */
export function connectionsRoutes(options: ConnectionsRoutesOptions): ConnectionsMiddleware {
  if (typeof options?.owner !== 'function') {
    throw new OAuth1Error(
      'invalid_config',
      'connectionsRoutes expects { connections, owner: (ctx) => userId | undefined }',
    );
  }
  const owners = new WeakMap<Request, string | undefined>();
  const handler = loadConnections().then(({ createConnectionsHandler }) =>
    createConnectionsHandler({ ...options, owner: (request) => owners.get(request) }),
  );
  handler.catch(() => {}); // thrown by every request instead, not an unhandled rejection
  const middleware = async (ctx: Context, next: Next): Promise<void> => {
    const routes = await handler;
    let request = toWebRequest(ctx.req, { protocol: ctx.protocol, host: ctx.host, path: ctx.originalUrl });
    if (routes.owns(new URL(request.url).pathname)) {
      request = withNodeBody(request, ctx.req, (ctx.request as { body?: unknown }).body);
    }
    owners.set(request, await options.owner(ctx));
    const response = await routes.serve(request, ctx.state);
    if (response === null) return next();
    ctx.respond = false;
    await writeWebResponse(ctx.res, response);
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
