import { OAuth1Error } from '../errors.js';
import { type LegContext, sendTokenLeg } from './token-leg.js';

export interface RequestTokenInput {
  /** An absolute callback URL, or `'oob'` for the PIN flow. */
  callbackUrl: string;
  /** Per-login extra parameters, added to the provider's `requestTokenParams`. */
  params?: Record<string, string> | undefined;
}

export interface RequestTokenResult {
  requestToken: string;
  requestTokenSecret: string;
  /** Other fields of the answer (`oauth_callback_confirmed`, provider extras). */
  fields: Record<string, string>;
}

/**
 * Leg 1: obtains temporary credentials, sending `oauth_callback`, and requires
 * `oauth_callback_confirmed=true` unless the provider is an OAuth 1.0 one. RFC 5849 section 2.1.
 */
export async function obtainRequestToken(
  context: LegContext,
  input: RequestTokenInput,
): Promise<RequestTokenResult> {
  const { provider } = context;
  const result = await sendTokenLeg(context, {
    purpose: 'the request token request',
    failureCode: 'request_token_failed',
    method: provider.requestTokenMethod ?? 'POST',
    url: provider.requestTokenUrl,
    params: { ...provider.requestTokenParams, ...input.params },
    oauthParams: { oauth_callback: input.callbackUrl },
    hint: 'check the consumer key and secret, the signature method and the callback URL registered with the provider',
  });
  if (provider.callbackConfirmed !== false && result.fields.oauth_callback_confirmed !== 'true') {
    throw new OAuth1Error(
      'callback_not_confirmed',
      'the provider did not answer oauth_callback_confirmed=true; it may speak OAuth 1.0 (set callbackConfirmed: false in the provider config) or have rejected the callback URL',
    );
  }
  return { requestToken: result.token, requestTokenSecret: result.tokenSecret, fields: result.fields };
}
