import { formatOAuthParams } from '@oauth1a/core';
import { type Exchange, send, sendJson } from '../http.js';
import type { Context } from '../verify.js';

/** A token-leg answer in the configured `tokenResponse` format. RFC 5849 sections 2.1 and 2.3. */
export function sendTokenResponse(ctx: Context, ex: Exchange, params: Record<string, string>): void {
  if (ctx.options.tokenResponse === 'json') sendJson(ex, 200, params);
  else send(ex, 200, 'application/x-www-form-urlencoded', formatOAuthParams(params));
}
