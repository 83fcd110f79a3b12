import type { ProviderConfig } from '../flow/provider-config.js';
import { atlassianQuirks, atlassianServerDefinition } from './atlassian-server.js';
import type { AtlassianServerSettings } from './jira.js';
import { fromDefinition, type PresetMeta } from './preset.js';

/**
 * Bitbucket Server / Data Center (application link, incoming OAuth 1.0a). It has no JSON "who am I"
 * (only the plain-text /plugins/servlet/applinks/whoami), so the preset has no profile mapping.
 */
export const bitbucketServerDefinition = atlassianServerDefinition(
  'bitbucket-server',
  'Bitbucket Server / Data Center',
  'https://developer.atlassian.com/server/bitbucket/how-tos/example-oauth/',
);

export function bitbucketServer(settings: AtlassianServerSettings): ProviderConfig {
  return fromDefinition(
    bitbucketServerDefinition,
    { baseUrl: settings.baseUrl },
    settings.urls,
  ) satisfies ProviderConfig;
}

export const bitbucketServerPreset: PresetMeta = {
  id: 'bitbucket-server',
  name: 'Bitbucket Server / Data Center',
  kind: 'three-legged',
  docs: bitbucketServerDefinition.docs ?? '',
  quirks: `${atlassianQuirks}; no JSON profile endpoint`,
  settings: [
    { name: 'baseUrl', required: true, description: 'the instance URL, e.g. https://git.example.com' },
  ],
};
