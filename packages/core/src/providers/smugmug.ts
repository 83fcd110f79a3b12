import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** SmugMug: `Access` and `Permissions` on the authorize redirect (the defaults are the lowest). */
export const smugmugDefinition = {
  id: 'smugmug',
  name: 'SmugMug',
  docs: 'https://api.smugmug.com/api/v2/doc/tutorial/authorization.html',
  requestTokenUrl: 'https://api.smugmug.com/services/oauth/1.0a/getRequestToken',
  authorizeUrl: 'https://api.smugmug.com/services/oauth/1.0a/authorize',
  accessTokenUrl: 'https://api.smugmug.com/services/oauth/1.0a/getAccessToken',
  authorizeParams: { Access: '{access}', Permissions: '{permissions}' },
  settings: {
    access: { pattern: '^(Public|Full)$', default: 'Public' },
    permissions: { pattern: '^(Read|Add|Modify)$', default: 'Read' },
  },
  profile: {
    url: 'https://api.smugmug.com/api/v2!authuser',
    id: 'Response.User.NickName',
    name: 'Response.User.Name',
  },
} satisfies ProviderDefinition;

export interface SmugMugSettings extends PresetOptions {
  access?: 'Public' | 'Full';
  permissions?: 'Read' | 'Add' | 'Modify';
}

export function smugmug(settings: SmugMugSettings = {}): ProviderConfig {
  const { urls, ...values } = settings;
  return fromDefinition(smugmugDefinition, values, urls) satisfies ProviderConfig;
}

export const smugmugPreset: PresetMeta = {
  id: 'smugmug',
  name: 'SmugMug',
  kind: 'three-legged',
  docs: smugmugDefinition.docs,
  quirks: 'Access (Public|Full) and Permissions (Read|Add|Modify) on the authorize redirect',
  settings: [
    { name: 'access', required: false, description: 'Public (default) or Full' },
    { name: 'permissions', required: false, description: 'Read (default), Add or Modify' },
  ],
};
