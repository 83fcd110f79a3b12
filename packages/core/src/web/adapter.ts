import { OAuth1Error } from '../errors.js';
import type { OAuth1Context, OAuth1Handler } from './handler.js';

/**
 * Where an adapter puts the connections of one request (Express `req`, Koa `ctx.state`): `oauth1` is the
 * first-mounted provider's, `oauth1s[providerId]` holds each provider's when several are mounted.
 */
export interface OAuth1Holder {
  oauth1?: OAuth1Context;
  oauth1s?: Record<string, OAuth1Context>;
}

/**
 * One request through an adapter: the handler's own routes (login, callback, logout) answer with the
 * `Response` to write back; any other request gets its connection put on `holder` and `null` comes back
 * so the framework goes on. Everything framework-agnostic an adapter does lives here.
 */
export async function serveOAuth1(
  handler: OAuth1Handler,
  request: Request,
  holder: OAuth1Holder,
): Promise<Response | null> {
  const response = await handler.handle(request);
  if (response !== null) return response;
  const context = await handler.context(request);
  holder.oauth1 ??= context;
  holder.oauth1s ??= Object.create(null) as Record<string, OAuth1Context>;
  holder.oauth1s[handler.providerId] = context;
  return null;
}

/**
 * The connection `serveOAuth1` put on `holder`: the first-mounted provider's, or `providerId`'s. Throws
 * `invalid_config` naming the fix when no oauth1 middleware for it ran before the caller's route.
 */
export function getOAuth1Context(holder: OAuth1Holder | undefined, providerId?: string): OAuth1Context {
  const context = providerId === undefined ? holder?.oauth1 : holder?.oauth1s?.[providerId];
  if (context !== undefined) return context;
  const mounted = Object.keys(holder?.oauth1s ?? {});
  const what = providerId === undefined ? 'no oauth1 middleware' : `no oauth1 middleware for "${providerId}"`;
  throw new OAuth1Error(
    'invalid_config',
    `${what} ran before this route (mounted here: ${mounted.length > 0 ? mounted.join(', ') : 'none'}): mount oauth1() before your routes`,
  );
}
