import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/**
 * Yahoo's OAuth 1.0a (legacy: new Yahoo APIs use OAuth 2.0). The session-extension family: access
 * tokens expire after `oauth_expires_in` seconds and are renewed with `flow.refresh(credentials)`,
 * which sends `oauth_session_handle` to the access-token URL. `xoauth_yahoo_guid` lands in
 * `credentials.params`.
 */
export const yahooDefinition = {
  id: 'yahoo',
  name: 'Yahoo (OAuth 1.0a, legacy)',
  docs: 'https://developer.yahoo.com/oauth/guide/oauth-auth-flow.html',
  requestTokenUrl: 'https://api.login.yahoo.com/oauth/v2/get_request_token',
  authorizeUrl: 'https://api.login.yahoo.com/oauth/v2/request_auth',
  accessTokenUrl: 'https://api.login.yahoo.com/oauth/v2/get_token',
  expiry: { field: 'oauth_expires_in', format: 'seconds' },
  accountFields: { id: 'xoauth_yahoo_guid' },
} satisfies ProviderDefinition;

export function yahoo(settings: PresetOptions = {}): ProviderConfig {
  return fromDefinition(yahooDefinition, {}, settings.urls) satisfies ProviderConfig;
}

export const yahooPreset: PresetMeta = {
  id: 'yahoo',
  name: 'Yahoo (OAuth 1.0a, legacy)',
  kind: 'three-legged',
  docs: yahooDefinition.docs,
  quirks: 'session extension: oauth_session_handle + oauth_expires_in, renewed with flow.refresh()',
  settings: [],
};
