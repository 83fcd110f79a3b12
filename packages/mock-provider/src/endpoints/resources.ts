import { type Exchange, formPairs, Problem, sendJson } from '../http.js';
import type { AccessTokenRecord } from '../store.js';
import { type Context, verify } from '../verify.js';

async function verifyAccess(ctx: Context, ex: Exchange) {
  const { request, record } = await verify(ctx, ex, 'access', true);
  return { request, user: userOf(ctx, record as AccessTokenRecord) };
}

function userOf(ctx: Context, access: AccessTokenRecord) {
  if (access.expiresAt !== undefined && access.expiresAt <= ctx.store.now()) {
    throw new Problem(
      'token_expired',
      401,
      'this access token has expired; renew it with oauth_session_handle',
    );
  }
  const user = ctx.store.user(access.userId);
  if (user === undefined) throw new Problem('token_revoked', 401, 'the user of this token no longer exists');
  return user;
}

/** GET /api/whoami: the token's user as `{ id, screen_name, name }`, or the `whoami` option's shape. */
export async function handleWhoami(ctx: Context, ex: Exchange): Promise<void> {
  if (ex.req.method !== 'GET' && ex.req.method !== 'HEAD')
    throw new Problem('parameter_rejected', 405, 'use GET', { allow: 'GET, HEAD' });
  const { user } = await verifyAccess(ctx, ex);
  const shape = ctx.options.whoami;
  sendJson(ex, 200, shape ? shape(user) : { id: user.id, screen_name: user.screenName, name: user.name });
}

/**
 * POST /oauth/revoke: invalidates the access token the request is signed with (X's
 * `oauth/invalidate_token`), answering `{ revoked: true }`. An expired token may still be revoked.
 */
export async function handleRevoke(ctx: Context, ex: Exchange): Promise<void> {
  if (ex.req.method !== 'POST') throw new Problem('parameter_rejected', 405, 'use POST', { allow: 'POST' });
  const { record } = await verify(ctx, ex, 'access', true);
  ctx.store.revoke((record as AccessTokenRecord).token);
  sendJson(ex, 200, { revoked: true });
}

const notOAuth = ([name]: [string, string]): boolean => !name.startsWith('oauth_');

/** A request signed with the consumer only (two-legged), when the `twoLegged` option allows it. */
async function verifyEcho(ctx: Context, ex: Exchange) {
  if (!ctx.options.twoLegged) return verifyAccess(ctx, ex);
  const { request, record } = await verify(ctx, ex, 'access');
  return { request, user: record === undefined ? undefined : userOf(ctx, record as AccessTokenRecord) };
}

/** Any method, /api/echo: what the provider received and verified, as JSON. */
export async function handleEcho(ctx: Context, ex: Exchange): Promise<void> {
  const { request, user } = await verifyEcho(ctx, ex);
  const form = formPairs(ex);
  const body: Record<string, unknown> = {
    method: ex.req.method,
    path: ex.url.pathname,
    query: [...ex.url.searchParams].filter(notOAuth),
    form: form.filter(notOAuth),
    oauth: request.oauthParams,
    transport: request.transport,
    signatureMethod: request.signatureMethod,
    consumerKey: request.consumerKey,
    userId: user?.id ?? null,
  };
  if (request.realm !== undefined) body.realm = request.realm;
  if (ex.body !== undefined && ex.body.length > 0 && form.length === 0) {
    body.contentType = ex.req.headers['content-type'] ?? null;
    body.body = ex.body.toString('utf8');
  }
  sendJson(ex, 200, body);
}
