import type { ProviderConfig } from '../flow/provider-config.js';
import { atlassianQuirks, atlassianServerDefinition } from './atlassian-server.js';
import type { AtlassianServerSettings } from './jira.js';
import { fromDefinition, type PresetMeta } from './preset.js';

/** Confluence Server / Data Center (application link, incoming OAuth 1.0a). */
export const confluenceDefinition = atlassianServerDefinition(
  'confluence',
  'Confluence Server / Data Center',
  'https://developer.atlassian.com/server/confluence/confluence-rest-api-examples/',
  { url: '{baseUrl}/rest/api/user/current', id: 'userKey', name: 'displayName' },
);

export function confluence(settings: AtlassianServerSettings): ProviderConfig {
  return fromDefinition(
    confluenceDefinition,
    { baseUrl: settings.baseUrl },
    settings.urls,
  ) satisfies ProviderConfig;
}

export const confluencePreset: PresetMeta = {
  id: 'confluence',
  name: 'Confluence Server / Data Center',
  kind: 'three-legged',
  docs: confluenceDefinition.docs ?? '',
  quirks: `${atlassianQuirks}; profile /rest/api/user/current userKey/displayName`,
  settings: [
    { name: 'baseUrl', required: true, description: 'the instance URL, e.g. https://wiki.example.com' },
  ],
};
