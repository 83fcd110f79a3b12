import type { ProviderConfig } from '../flow/provider-config.js';
import { atlassianQuirks, atlassianServerDefinition } from './atlassian-server.js';
import { fromDefinition, type PresetMeta, type PresetOptions } from './preset.js';

/** Jira Server / Data Center (application link, incoming OAuth 1.0a). */
export const jiraDefinition = atlassianServerDefinition(
  'jira',
  'Jira Server / Data Center',
  'https://developer.atlassian.com/server/jira/platform/oauth/',
  { url: '{baseUrl}/rest/api/2/myself', id: 'key', name: 'displayName' },
);

export interface AtlassianServerSettings extends PresetOptions {
  /** e.g. `https://jira.example.com` or `https://example.com/jira` (no trailing slash). */
  baseUrl: string;
}

export function jira(settings: AtlassianServerSettings): ProviderConfig {
  return fromDefinition(
    jiraDefinition,
    { baseUrl: settings.baseUrl },
    settings.urls,
  ) satisfies ProviderConfig;
}

export const jiraPreset: PresetMeta = {
  id: 'jira',
  name: 'Jira Server / Data Center',
  kind: 'three-legged',
  docs: jiraDefinition.docs ?? '',
  quirks: `${atlassianQuirks}; profile /rest/api/2/myself key/displayName`,
  settings: [
    { name: 'baseUrl', required: true, description: 'the instance URL, e.g. https://jira.example.com' },
  ],
};
