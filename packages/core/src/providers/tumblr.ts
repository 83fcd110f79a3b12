import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** Tumblr: plain OAuth 1.0a; a user is named by their blog name (there is no numeric id). */
export const tumblrDefinition = {
  id: 'tumblr',
  name: 'Tumblr',
  docs: 'https://www.tumblr.com/docs/en/api/v2#oauth1-authorization',
  requestTokenUrl: 'https://www.tumblr.com/oauth/request_token',
  authorizeUrl: 'https://www.tumblr.com/oauth/authorize',
  accessTokenUrl: 'https://www.tumblr.com/oauth/access_token',
  profile: {
    url: 'https://api.tumblr.com/v2/user/info',
    id: 'response.user.name',
    name: 'response.user.name',
  },
} satisfies ProviderDefinition;

export function tumblr(settings: PresetOptions = {}): ProviderConfig {
  return fromDefinition(tumblrDefinition, {}, settings.urls) satisfies ProviderConfig;
}

export const tumblrPreset: PresetMeta = {
  id: 'tumblr',
  name: 'Tumblr',
  kind: 'three-legged',
  docs: tumblrDefinition.docs,
  quirks: 'no quirks; profile /v2/user/info, the user name doubles as the id',
  settings: [],
};
