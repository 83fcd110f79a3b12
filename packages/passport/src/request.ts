import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the strategy reads from a request: Node's `IncomingMessage` as Express, Connect and koa-passport
 * hand it over. `session` comes from express-session, cookie-session or koa-session; `res` lets the
 * sealed-cookie store set its cookie.
 */
export interface StrategyRequest {
  url?: string | undefined;
  originalUrl?: string | undefined;
  headers: IncomingHttpHeaders;
  socket?: { encrypted?: boolean } | object | undefined;
  session?: object | null | undefined;
  /** Express's response; koa-passport puts a mock without `appendHeader` here. */
  res?: { appendHeader?(name: string, value: string | readonly string[]): unknown } | undefined;
  /** koa-passport: the Koa context (its `host` and `protocol` honour Koa's `proxy` setting). */
  ctx?: { append?(field: string, value: string): unknown; host?: string; protocol?: string } | undefined;
  app?: { get(name: string): unknown } | undefined;
  /** Express: the protocol and host name after Express's own `trust proxy` decision. */
  protocol?: string | undefined;
  hostname?: string | undefined;
}

/** The query of the request as the browser sent it (Express 5's and Koa's parsed `query` alike). */
export function queryOf(req: StrategyRequest): URLSearchParams {
  const url = req.originalUrl ?? req.url ?? '/';
  const at = url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
}

/** True when the request is the provider's redirect back (approval, denial or a problem report). */
export function isCallback(query: URLSearchParams): boolean {
  return query.has('oauth_token') || query.has('denied') || query.has('oauth_problem');
}

/** Adds a Set-Cookie header to the response: Express's `res`, or Koa's `ctx` under koa-passport. */
export function appendSetCookie(req: StrategyRequest, cookie: string): void {
  if (typeof req.res?.appendHeader === 'function') req.res.appendHeader('Set-Cookie', cookie);
  else if (typeof req.ctx?.append === 'function') req.ctx.append('Set-Cookie', cookie);
  else {
    throw new TypeError(
      'sealedCookieStore needs a response to set its cookie on: req.res (Express, Connect) or req.ctx (koa-passport)',
    );
  }
}
