import type { ProviderDefinition } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/**
 * Evernote: one URL (`/oauth`) for both token legs, by GET. The access-token answer's `edam_shard`,
 * `edam_userId`, `edam_noteStoreUrl`, `edam_webApiUrlPrefix`, `edam_expires` land in
 * `credentials.params`. No JSON "who am I" (the API is Thrift): name a connection by `edam_userId`.
 */
export const evernoteDefinition = {
  id: 'evernote',
  name: 'Evernote',
  docs: 'https://dev.evernote.com/doc/articles/authentication.php',
  requestTokenUrl: 'https://{host}/oauth',
  authorizeUrl: 'https://{host}/OAuth.action',
  accessTokenUrl: 'https://{host}/oauth',
  requestTokenMethod: 'GET',
  accessTokenMethod: 'GET',
  apiBaseUrl: 'https://{host}',
  expiry: { field: 'edam_expires', format: 'epoch-ms' },
  accountFields: { id: 'edam_userId' },
  settings: { host: { pattern: '^(www|sandbox)\\.evernote\\.com$', default: 'www.evernote.com' } },
} satisfies ProviderDefinition;

export interface EvernoteSettings extends PresetOptions {
  /** sandbox.evernote.com instead of www.evernote.com. */
  sandbox?: boolean;
}

export function evernote(settings: EvernoteSettings = {}): ProviderConfig {
  const host = settings.sandbox ? 'sandbox.evernote.com' : 'www.evernote.com';
  return fromDefinition(evernoteDefinition, { host }, settings.urls) satisfies ProviderConfig;
}

export const evernotePreset: PresetMeta = {
  id: 'evernote',
  name: 'Evernote',
  kind: 'three-legged',
  docs: evernoteDefinition.docs,
  quirks: 'one /oauth URL for both token legs, GET; edam_* fields kept in credentials.params; sandbox host',
  settings: [{ name: 'sandbox', required: false, boolean: true, description: 'use sandbox.evernote.com' }],
};
