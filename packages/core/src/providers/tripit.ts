import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** TripIt speaks OAuth 1.0: no `oauth_callback_confirmed`, no verifier, the callback on the authorize URL. */
export const tripitDefinition = {
  id: 'tripit',
  name: 'TripIt',
  docs: 'https://tripit.github.io/api/doc/v1/index.html#authentication',
  requestTokenUrl: 'https://api.tripit.com/oauth/request_token',
  authorizeUrl: 'https://www.tripit.com/oauth/authorize',
  accessTokenUrl: 'https://api.tripit.com/oauth/access_token',
  callbackConfirmed: false,
  sendsVerifier: false,
  callbackOnAuthorizeUrl: true,
  profile: {
    url: 'https://api.tripit.com/v1/get/profile/format/json',
    id: 'Profile.@attributes.ref',
    name: 'Profile.public_display_name',
  },
} satisfies ProviderDefinition;

export function tripit(settings: PresetOptions = {}): ProviderConfig {
  return fromDefinition(tripitDefinition, {}, settings.urls) satisfies ProviderConfig;
}

export const tripitPreset: PresetMeta = {
  id: 'tripit',
  name: 'TripIt',
  kind: 'three-legged',
  docs: tripitDefinition.docs,
  quirks: 'OAuth 1.0: no callback confirmation, no verifier, oauth_callback on the authorize URL',
  settings: [],
};
