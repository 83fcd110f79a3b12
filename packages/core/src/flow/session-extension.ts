import { OAuth1Error } from '../errors.js';
import { type LegContext, sendTokenLeg } from './token-leg.js';
import type { AccessCredentials } from './types.js';

/**
 * Renews an access token with its `oauth_session_handle` (the OAuth Session 1.0 draft that Yahoo and
 * Xero's partner apps use): the access-token endpoint, signed with the current token.
 */
export async function renewAccessToken(
  context: LegContext,
  credentials: AccessCredentials,
  now: number,
): Promise<AccessCredentials> {
  const handle = credentials.params.oauth_session_handle;
  if (handle === undefined || handle === '') {
    throw new OAuth1Error(
      'refresh_failed',
      'these credentials carry no oauth_session_handle, so they cannot be renewed; log in again',
    );
  }
  const result = await sendTokenLeg(context, {
    purpose: 'the session renewal request',
    failureCode: 'refresh_failed',
    method: context.provider.accessTokenMethod ?? 'POST',
    url: context.provider.accessTokenUrl,
    params: context.provider.accessTokenParams,
    oauthParams: { oauth_session_handle: handle },
    token: { token: credentials.token, secret: credentials.tokenSecret },
    hint: 'the session handle may have expired; log in again',
  });
  const renewed: AccessCredentials = {
    providerId: credentials.providerId,
    token: result.token,
    tokenSecret: result.tokenSecret,
    params: { ...credentials.params, ...result.fields },
    authorizedAt: now,
  };
  if (credentials.profile !== undefined) renewed.profile = credentials.profile;
  return renewed;
}
