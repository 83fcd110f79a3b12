import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/**
 * Goodreads speaks OAuth 1.0 (not 1.0a): no `oauth_callback_confirmed`, no verifier, the callback on
 * the authorize URL. Legacy: Goodreads stopped issuing API keys in December 2020; existing keys only.
 */
export const goodreadsDefinition = {
  id: 'goodreads',
  name: 'Goodreads (legacy)',
  docs: 'https://www.goodreads.com/api/documentation',
  requestTokenUrl: 'https://www.goodreads.com/oauth/request_token',
  authorizeUrl: 'https://www.goodreads.com/oauth/authorize',
  accessTokenUrl: 'https://www.goodreads.com/oauth/access_token',
  callbackConfirmed: false,
  sendsVerifier: false,
  callbackOnAuthorizeUrl: true,
} satisfies ProviderDefinition;

export function goodreads(settings: PresetOptions = {}): ProviderConfig {
  return fromDefinition(goodreadsDefinition, {}, settings.urls) satisfies ProviderConfig;
}

export const goodreadsPreset: PresetMeta = {
  id: 'goodreads',
  name: 'Goodreads (legacy)',
  kind: 'three-legged',
  docs: goodreadsDefinition.docs,
  quirks:
    'OAuth 1.0: no callback confirmation, no verifier, oauth_callback on the authorize URL; XML API, no profile',
  settings: [],
};
