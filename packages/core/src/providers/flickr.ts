import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** Flickr: `perms` on the authorize redirect; the "who am I" is flickr.test.login. */
export const flickrDefinition = {
  id: 'flickr',
  name: 'Flickr',
  docs: 'https://www.flickr.com/services/api/auth.oauth.html',
  requestTokenUrl: 'https://www.flickr.com/services/oauth/request_token',
  authorizeUrl: 'https://www.flickr.com/services/oauth/authorize',
  accessTokenUrl: 'https://www.flickr.com/services/oauth/access_token',
  authorizeParams: { perms: '{perms}' },
  settings: { perms: { pattern: '^(read|write|delete)$', default: 'read' } },
  profile: {
    url: 'https://api.flickr.com/services/rest?method=flickr.test.login&format=json&nojsoncallback=1',
    id: 'user.id',
    name: 'user.username._content',
  },
} satisfies ProviderDefinition;

export interface FlickrSettings extends PresetOptions {
  /** `read` (default), `write` or `delete`. */
  perms?: 'read' | 'write' | 'delete';
}

export function flickr(settings: FlickrSettings = {}): ProviderConfig {
  const { urls, ...values } = settings;
  return fromDefinition(flickrDefinition, values, urls) satisfies ProviderConfig;
}

export const flickrPreset: PresetMeta = {
  id: 'flickr',
  name: 'Flickr',
  kind: 'three-legged',
  docs: flickrDefinition.docs,
  quirks: 'perms on the authorize redirect; user_nsid, username, fullname kept in credentials.params',
  settings: [{ name: 'perms', required: false, description: 'read (default), write or delete' }],
};
