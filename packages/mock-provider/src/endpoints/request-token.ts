import { type Exchange, Problem } from '../http.js';
import { type Context, checkTokenLegMethod, verify } from '../verify.js';
import { sendTokenResponse } from './token-response.js';

/** True for `oob` or an absolute URL (custom schemes included, for native apps). */
export function isCallback(value: string): boolean {
  if (value === 'oob') return true;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Leg 1: a signed request without a token (and, in OAuth 1.0a, with `oauth_callback`) gets a fresh
 * request token. RFC 5849 section 2.1.
 */
export async function handleRequestToken(ctx: Context, ex: Exchange): Promise<void> {
  checkTokenLegMethod(ctx, ex);
  const { request } = await verify(ctx, ex, 'none');
  const callback = request.oauthParams.oauth_callback;
  if (callback === undefined && !ctx.options.oauth10) {
    throw new Problem('parameter_absent', 400, 'send oauth_callback: an absolute URL or "oob"', {});
  }
  if (callback !== undefined && !isCallback(callback)) {
    throw new Problem('parameter_rejected', 400, 'oauth_callback must be an absolute URL or "oob"');
  }
  const record = ctx.store.issueRequestToken(request.consumerKey, callback);
  const params: Record<string, string> = { oauth_token: record.token, oauth_token_secret: record.secret };
  if (!ctx.options.oauth10) params.oauth_callback_confirmed = 'true';
  sendTokenResponse(ctx, ex, params);
}
