import type { FetchLike } from '../client/send.js';
import type { ProviderDefinition } from '../define-provider.js';
import { OAuth1Error } from '../errors.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/**
 * Discogs. It refuses requests without a unique User-Agent; a header is not ProviderConfig data, so
 * pass `fetch: discogsFetch('MyApp/1.0 +https://example.com')` to the flow, handler or signed fetch.
 */
export const discogsDefinition = {
  id: 'discogs',
  name: 'Discogs',
  docs: 'https://www.discogs.com/developers/#page:authentication,header:authentication-oauth-flow',
  requestTokenUrl: 'https://api.discogs.com/oauth/request_token',
  authorizeUrl: 'https://www.discogs.com/oauth/authorize',
  accessTokenUrl: 'https://api.discogs.com/oauth/access_token',
  profile: { url: 'https://api.discogs.com/oauth/identity', id: 'id', name: 'username' },
} satisfies ProviderDefinition;

export function discogs(settings: PresetOptions = {}): ProviderConfig {
  return fromDefinition(discogsDefinition, {}, settings.urls) satisfies ProviderConfig;
}

/** A `fetch` that sends `userAgent` on every request (Discogs requires one that names the app). */
export function discogsFetch(userAgent: string, fetch?: FetchLike): FetchLike {
  if (typeof userAgent !== 'string' || userAgent.trim() === '')
    throw new OAuth1Error(
      'invalid_config',
      'discogsFetch needs a User-Agent naming your app, e.g. "MyApp/1.0"',
    );
  const send: FetchLike = fetch ?? ((request) => globalThis.fetch(request));
  return (request) => {
    const headers = new Headers(request.headers);
    headers.set('user-agent', userAgent);
    return send(new Request(request, { headers }));
  };
}

export const discogsPreset: PresetMeta = {
  id: 'discogs',
  name: 'Discogs',
  kind: 'three-legged',
  docs: discogsDefinition.docs,
  quirks: 'requires a unique User-Agent (not data: use discogsFetch); identity endpoint id/username',
  settings: [],
};
