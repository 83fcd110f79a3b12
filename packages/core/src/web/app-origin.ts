import { OAuth1Error } from '../errors.js';
import { isLoopbackHost } from './request-guards.js';

/** The `baseUrl` and `callbackUrl` options, checked. */
export interface OriginConfig {
  baseUrl: URL | undefined;
  callbackUrl: URL | undefined;
}

/**
 * The origin the app trusts for a request: `baseUrl`'s, else `callbackUrl`'s, else the request's own
 * when its host is a loopback host (nobody else can answer there); undefined for any other host, whose
 * Host header (or X-Forwarded-Host behind a proxy) anyone can forge.
 */
export function trustedOrigin(url: URL, config: OriginConfig): string | undefined {
  if (config.baseUrl) return config.baseUrl.origin;
  if (config.callbackUrl) return config.callbackUrl.origin;
  return isLoopbackHost(url.host) ? url.origin : undefined;
}

/**
 * The oauth_callback of a login: `callbackUrl`, else `{baseUrl}{callbackPath}`, else the loopback
 * request's own origin. Any other host is refused with `invalid_config` before the provider is asked:
 * an attacker's `Host: evil.example` would otherwise have the victim's verifier sent to evil.example.
 */
export function callbackUrlFor(url: URL, config: OriginConfig, callbackPath: string): string {
  if (config.callbackUrl) {
    const callbackHost = config.callbackUrl.host;
    if (config.baseUrl === undefined && callbackHost !== url.host) {
      throw new OAuth1Error(
        'invalid_config',
        `the callback URL's host (${callbackHost}) differs from this login's host (${url.host}): the session cookie set now would not come back with the callback. Open the app on ${callbackHost}, or set baseUrl`,
      );
    }
    return config.callbackUrl.href;
  }
  const origin = trustedOrigin(url, config);
  if (origin === undefined) {
    throw new OAuth1Error(
      'invalid_config',
      `this login came on ${url.host}, which is not a loopback host, and no baseUrl is set: a Host header is never trusted to choose where the provider sends the user back. Set baseUrl: 'https://your.app' (your app's public origin) in the oauth1() options, or callbackUrl; localhost and 127.0.0.1 need neither`,
    );
  }
  return `${origin}${callbackPath}`;
}
