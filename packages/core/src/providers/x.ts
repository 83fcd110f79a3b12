import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { defined, fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** X (Twitter). Per-login `force_login` / `screen_name` go to `begin({ authorizeParams })`. */
export const xDefinition = {
  id: 'x',
  name: 'X',
  docs: 'https://docs.x.com/resources/fundamentals/authentication/oauth-1-0a/obtaining-user-access-tokens',
  requestTokenUrl: 'https://api.x.com/oauth/request_token',
  authorizeUrl: 'https://api.x.com/oauth/{endpoint}',
  accessTokenUrl: 'https://api.x.com/oauth/access_token',
  settings: { endpoint: { pattern: '^(authorize|authenticate)$', default: 'authorize' } },
  profile: {
    url: 'https://api.x.com/1.1/account/verify_credentials.json',
    id: 'id_str',
    name: 'screen_name',
  },
  apiBaseUrl: ['https://api.x.com', 'https://api.twitter.com'],
  revoke: { url: 'https://api.x.com/1.1/oauth/invalidate_token' },
  accountFields: { id: 'user_id', name: 'screen_name' },
} satisfies ProviderDefinition;

export interface XSettings extends PresetOptions {
  /** `x_auth_access_type` on the request-token leg: ask for less than the app's permission. */
  accessType?: 'read' | 'write';
  /** "Sign in with X": /oauth/authenticate skips the consent page for a user who already approved. */
  authenticate?: boolean;
  /** `force_login=true` on every authorize redirect. */
  forceLogin?: boolean;
}

export function x(settings: XSettings = {}): ProviderConfig {
  const base = fromDefinition(
    xDefinition,
    { endpoint: settings.authenticate ? 'authenticate' : 'authorize' },
    settings.urls,
  );
  const requestTokenParams = defined({ x_auth_access_type: settings.accessType });
  const authorizeParams = defined({ force_login: settings.forceLogin ? 'true' : undefined });
  return {
    ...base,
    ...(Object.keys(requestTokenParams).length > 0 ? { requestTokenParams } : {}),
    ...(Object.keys(authorizeParams).length > 0 ? { authorizeParams } : {}),
  } satisfies ProviderConfig;
}

export const xPreset: PresetMeta = {
  id: 'x',
  name: 'X',
  kind: 'three-legged',
  docs: xDefinition.docs,
  quirks:
    'x_auth_access_type on leg 1; /oauth/authenticate option; force_login, screen_name per login; profile id_str/screen_name',
  settings: [
    { name: 'accessType', required: false, description: '"read" or "write" (x_auth_access_type)' },
    {
      name: 'authenticate',
      required: false,
      boolean: true,
      description: 'use /oauth/authenticate (Sign in with X)',
    },
    {
      name: 'forceLogin',
      required: false,
      boolean: true,
      description: 'force_login=true on every authorize redirect',
    },
  ],
};
