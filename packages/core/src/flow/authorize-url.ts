import { OAuth1Error } from '../errors.js';
import type { ProviderConfig } from './provider-config.js';

/**
 * Leg 2: the URL to send the user to: the provider's authorize endpoint with `oauth_token`, the
 * provider's `authorizeParams` and per-login params (`force_login`, `screen_name`, ...), and
 * `oauth_callback` for OAuth 1.0 providers that take it there. RFC 5849 section 2.2.
 */
export function buildAuthorizeUrl(
  provider: ProviderConfig,
  requestToken: string,
  callbackUrl: string,
  params: Readonly<Record<string, string>> = {},
): string {
  const url = new URL(provider.authorizeUrl);
  const extra = { ...provider.authorizeParams, ...params };
  for (const [name, value] of Object.entries(extra)) {
    if (typeof value !== 'string') {
      throw new OAuth1Error('invalid_config', `authorize parameter ${name} must be a string`);
    }
    if (name === 'oauth_token') continue;
    url.searchParams.set(name, value);
  }
  url.searchParams.set('oauth_token', requestToken);
  if (provider.callbackOnAuthorizeUrl === true && callbackUrl !== 'oob') {
    url.searchParams.set('oauth_callback', callbackUrl);
  }
  return url.href;
}
