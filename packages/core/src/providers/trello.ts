import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** Trello: the app name, scope and token lifetime travel on the authorize redirect. */
export const trelloDefinition = {
  id: 'trello',
  name: 'Trello',
  docs: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/',
  requestTokenUrl: 'https://trello.com/1/OAuthGetRequestToken',
  authorizeUrl: 'https://trello.com/1/OAuthAuthorizeToken',
  accessTokenUrl: 'https://trello.com/1/OAuthGetAccessToken',
  authorizeParams: { name: '{appName}', scope: '{scope}', expiration: '{expiration}' },
  settings: {
    appName: { description: 'the name Trello shows on its consent page', example: 'My App' },
    scope: { pattern: '^(read|write|account)(,(read|write|account))*$', default: 'read' },
    expiration: { pattern: '^(1hour|1day|30days|never)$', default: '30days' },
  },
  profile: { url: 'https://api.trello.com/1/members/me', id: 'id', name: 'fullName' },
  apiBaseUrl: 'https://api.trello.com/1/',
  expiry: { authorizeParam: 'expiration' },
} satisfies ProviderDefinition;

export interface TrelloSettings extends PresetOptions {
  appName: string;
  /** Comma-separated `read`, `write`, `account`; default `read`. */
  scope?: string;
  /** `1hour`, `1day`, `30days` (default) or `never`. */
  expiration?: '1hour' | '1day' | '30days' | 'never';
}

export function trello(settings: TrelloSettings): ProviderConfig {
  const { urls, ...values } = settings;
  return fromDefinition(trelloDefinition, values, urls) satisfies ProviderConfig;
}

export const trelloPreset: PresetMeta = {
  id: 'trello',
  name: 'Trello',
  kind: 'three-legged',
  docs: trelloDefinition.docs,
  quirks: 'name, scope, expiration on the authorize redirect; profile /1/members/me id/fullName',
  settings: [
    { name: 'appName', required: true, description: 'shown on the consent page (name)' },
    { name: 'scope', required: false, description: 'read (default), write, account, comma-separated' },
    { name: 'expiration', required: false, description: '1hour, 1day, 30days (default) or never' },
  ],
};
