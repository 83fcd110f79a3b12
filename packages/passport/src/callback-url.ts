import { isLoopbackHost, OAuth1Error } from '@oauth1a/core';
import type { StrategyRequest } from './request.js';

function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
}

/**
 * The request's origin as the framework decided it: Express's `req.protocol` and `req.hostname`, Koa's
 * `ctx.protocol` and `ctx.host` (each honours its own trust-proxy setting, so X-Forwarded-* counts only
 * from a trusted proxy); the raw Host header on a bare Node request. Express's `hostname` has no port:
 * it comes from the Host header when both name the same host.
 */
export function requestOrigin(req: StrategyRequest): { protocol: string; host: string | undefined } {
  const encrypted = Boolean((req.socket as { encrypted?: boolean } | undefined)?.encrypted);
  const raw = typeof req.headers.host === 'string' ? req.headers.host : undefined;
  if (typeof req.ctx?.host === 'string') {
    return { protocol: req.ctx.protocol ?? (encrypted ? 'https' : 'http'), host: req.ctx.host };
  }
  const protocol = typeof req.protocol === 'string' ? req.protocol : encrypted ? 'https' : 'http';
  if (typeof req.hostname === 'string' && req.hostname !== '') {
    const host = raw !== undefined && hostnameOf(raw) === req.hostname ? raw : req.hostname;
    return { protocol, host };
  }
  return { protocol, host: raw };
}

/**
 * The `oauth_callback` to send. An absolute `callbackURL` (or `oob`) is used as given. A relative one is
 * resolved against `origin` when the app configured it, else against the request's own origin, but only
 * when that is a loopback host (local development): a Host header an attacker chose must never become
 * the callback the provider sends the victim's verifier to (issue 11, finding 1). Anything else is
 * refused with what to configure. No callbackURL at all gives `undefined` (the provider's registered one).
 */
export function resolveCallbackUrl(
  callbackUrl: string | undefined,
  req: StrategyRequest,
  origin: string | undefined,
): string | undefined {
  if (callbackUrl === undefined || callbackUrl === '') return undefined;
  if (callbackUrl === 'oob' || /^[a-z][a-z0-9+.-]*:/i.test(callbackUrl)) return callbackUrl;
  if (origin !== undefined) return new URL(callbackUrl, origin).href;
  const { protocol, host } = requestOrigin(req);
  if (host === undefined || !isLoopbackHost(host)) {
    throw new OAuth1Error(
      'invalid_config',
      `callbackURL "${callbackUrl}" is relative and the request's host is not a loopback host, so it cannot be trusted to build the callback: make callbackURL absolute (https://your.app${callbackUrl.startsWith('/') ? '' : '/'}${callbackUrl}) or set the strategy's origin option to your app's public origin`,
    );
  }
  const path = req.originalUrl ?? req.url ?? '/';
  return new URL(callbackUrl, `${protocol}://${host}${path.startsWith('/') ? path : `/${path}`}`).href;
}
