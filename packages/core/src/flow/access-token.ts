import { type LegContext, sendTokenLeg } from './token-leg.js';
import type { PendingAuthorization } from './types.js';

export interface AccessTokenResult {
  token: string;
  tokenSecret: string;
  /** Every other field of the answer (user_id, screen_name, edam_*, oauth_session_handle, ...). */
  fields: Record<string, string>;
}

/**
 * Leg 3: exchanges the authorized request token and its verifier for token credentials, signed with
 * the request token's secret. RFC 5849 section 2.3.
 */
export async function obtainAccessToken(
  context: LegContext,
  pending: PendingAuthorization,
  verifier: string | undefined,
): Promise<AccessTokenResult> {
  const { provider } = context;
  const result = await sendTokenLeg(context, {
    purpose: 'the access token request',
    failureCode: 'access_token_failed',
    method: provider.accessTokenMethod ?? 'POST',
    url: provider.accessTokenUrl,
    params: provider.accessTokenParams,
    oauthParams: verifier === undefined ? {} : { oauth_verifier: verifier },
    token: { token: pending.requestToken, secret: pending.requestTokenSecret },
    hint: 'the verifier may be wrong or the request token expired or already used; start the login again',
  });
  return { token: result.token, tokenSecret: result.tokenSecret, fields: result.fields };
}
