import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { withNodeBody } from './body.js';
import { toWebRequest, type WebRequestOrigin } from './index.js';

/** A Web handler that serves the routes under one path and learns each request's owner from the app. */
export interface OwnedRoutes<Holder> {
  owns(pathname: string): boolean;
  serve(request: Request, holder: Holder): Promise<Response | null>;
}

/** One framework request, as an adapter hands it over. */
export interface OwnedRoutesCall<Holder> {
  req: IncomingMessage;
  origin: WebRequestOrigin;
  /** What a body parser already made of the body (Express `req.body`, Koa `ctx.request.body`), if any. */
  parsedBody: unknown;
  /** The app's signed-in user, read from the framework's own request object. */
  owner: () => string | undefined | Promise<string | undefined>;
  holder: Holder;
}

/**
 * What the Express and Koa adapters share for the connections routes, written once: the handler is
 * created lazily (it lives in an optional peer), and the owner the app reads from its framework object
 * reaches the Web handler's `owner(request)` through a WeakMap keyed by the converted request. Body
 * reading is handed to the handler only for its own paths, so the app's parsers see other requests untouched.
 */
export function lazyOwnedRoutes<Routes extends OwnedRoutes<Holder>, Holder>(
  create: (ownerOf: (request: Request) => string | undefined) => Promise<Routes>,
): { handler: Promise<Routes>; serve(call: OwnedRoutesCall<Holder>): Promise<Response | null> } {
  const owners = new WeakMap<Request, string | undefined>();
  const handler = create((request) => owners.get(request));
  handler.catch(() => {}); // reported by every request instead, not as an unhandled rejection
  return {
    handler,
    async serve({ req, origin, parsedBody, owner, holder }) {
      const routes = await handler;
      let request = toWebRequest(req, origin);
      if (routes.owns(new URL(request.url).pathname)) request = withNodeBody(request, req, parsedBody);
      owners.set(request, await owner());
      return routes.serve(request, holder);
    },
  };
}

/**
 * Loads an optional peer on first use. From a CommonJS build (pass its `__filename`) it is required
 * next to the caller, so a CommonJS app gets the same copy it created its own objects with (one
 * OAuth1Error class); from ESM it is imported.
 */
export function importPeer<Module>(specifier: string, callerFilename: string | undefined): Promise<Module> {
  if (callerFilename !== undefined) {
    const load = createRequire(callerFilename);
    return Promise.resolve().then(() => load(specifier) as Module);
  }
  return import(specifier) as Promise<Module>;
}
