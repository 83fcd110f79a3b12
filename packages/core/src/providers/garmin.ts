import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** Garmin Connect (Health / Activity APIs): token legs on connectapi, consent on connect.garmin.com. */
export const garminDefinition = {
  id: 'garmin',
  name: 'Garmin Connect',
  docs: 'https://developer.garmin.com/gc-developer-program/overview/',
  requestTokenUrl: 'https://connectapi.garmin.com/oauth-service/oauth/request_token',
  authorizeUrl: 'https://connect.garmin.com/oauthConfirm',
  accessTokenUrl: 'https://connectapi.garmin.com/oauth-service/oauth/access_token',
  profile: { url: 'https://apis.garmin.com/wellness-api/rest/user/id', id: 'userId' },
} satisfies ProviderDefinition;

export function garmin(settings: PresetOptions = {}): ProviderConfig {
  return fromDefinition(garminDefinition, {}, settings.urls) satisfies ProviderConfig;
}

export const garminPreset: PresetMeta = {
  id: 'garmin',
  name: 'Garmin Connect',
  kind: 'three-legged',
  docs: garminDefinition.docs,
  quirks: 'consent on a different host (connect.garmin.com/oauthConfirm); profile user/id userId only',
  settings: [],
};
