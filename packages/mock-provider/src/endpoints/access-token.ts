import { constantTimeEqual } from '@oauth1a/core';
import { type Exchange, Problem } from '../http.js';
import type { AccessTokenRecord, RequestTokenRecord } from '../store.js';
import { type Context, checkTokenLegMethod, verify } from '../verify.js';
import { sendTokenResponse } from './token-response.js';

function accessParams(ctx: Context, record: AccessTokenRecord): Record<string, string> {
  const params: Record<string, string> = { oauth_token: record.token, oauth_token_secret: record.secret };
  if (record.sessionHandle !== undefined && record.expiresAt !== undefined) {
    params.oauth_session_handle = record.sessionHandle;
    params.oauth_expires_in = String(Math.round((record.expiresAt - ctx.store.now()) / 1000));
  }
  const extra = ctx.options.extraTokenParams;
  if (extra !== false) {
    const user = ctx.store.user(record.userId);
    if (user !== undefined) {
      params.user_id = user.id;
      params.screen_name = user.screenName;
    }
    Object.assign(params, extra);
  }
  return params;
}

function exchange(
  ctx: Context,
  ex: Exchange,
  record: RequestTokenRecord,
  verifier: string | undefined,
): void {
  if (record.state === 'used') {
    throw new Problem('token_used', 401, 'this request token was already exchanged; start the flow again');
  }
  if (record.state === 'denied') {
    throw new Problem('permission_denied', 401, 'the user denied this request token');
  }
  if (ctx.options.oauth10) {
    if (record.state !== 'authorized')
      throw new Problem('permission_denied', 401, 'the user has not authorized this request token yet');
  } else {
    if (verifier === undefined) throw new Problem('parameter_absent', 400, 'send oauth_verifier');
    if (!ctx.store.verifierMatches(record, verifier))
      throw new Problem('verifier_invalid', 401, 'oauth_verifier does not match the one given to the user');
  }
  ctx.store.consume(record);
  const access = ctx.store.issueAccessToken(record.consumerKey, record.userId!);
  sendTokenResponse(ctx, ex, accessParams(ctx, access));
}

function renew(ctx: Context, ex: Exchange, record: AccessTokenRecord, handle: string | undefined): void {
  if (record.sessionHandle === undefined || handle === undefined) {
    throw new Problem('token_rejected', 401, 'renew an access token with oauth_session_handle');
  }
  if (!constantTimeEqual(handle, record.sessionHandle)) {
    throw new Problem('token_rejected', 401, 'oauth_session_handle does not belong to this token');
  }
  ctx.store.revoke(record.token);
  const renewed = ctx.store.issueAccessToken(record.consumerKey, record.userId, record.sessionHandle);
  sendTokenResponse(ctx, ex, accessParams(ctx, renewed));
}

/**
 * Leg 3: a signed request with the authorized request token and its verifier gets an access token; the
 * request token is single use. With `sessionHandles`, an access token plus `oauth_session_handle` is
 * renewed (Yahoo). RFC 5849 section 2.3.
 */
export async function handleAccessToken(ctx: Context, ex: Exchange): Promise<void> {
  checkTokenLegMethod(ctx, ex);
  const kinds = ctx.options.sessionHandles ? 'request_or_access' : 'request';
  const { request, record } = await verify(ctx, ex, kinds, true);
  if (record === undefined) throw new Problem('token_rejected', 401, 'the token is not known');
  if (record.kind === 'access') renew(ctx, ex, record, request.oauthParams.oauth_session_handle);
  else exchange(ctx, ex, record, request.oauthParams.oauth_verifier);
}
