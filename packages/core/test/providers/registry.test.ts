// The presets registry a CLI lists: metadata that matches the factories and the JSON definitions.
import { describe, expect, it } from 'vitest';
import { providerConfigProblems, providerDefinitionProblems } from '../../src/index.js';
import { presetDefinitions, presets } from '../../src/providers.js';

const example: Record<string, Record<string, string>> = {
  trello: { appName: 'A' },
  netsuite: { accountId: '1234567' },
  jira: { baseUrl: 'https://jira.example.com' },
  confluence: { baseUrl: 'https://wiki.example.com' },
  'bitbucket-server': { baseUrl: 'https://git.example.com' },
  woocommerce: { siteUrl: 'http://shop.example.com' },
};

describe('presets registry', () => {
  it('lists every preset by its id, with docs, quirks and settings', () => {
    for (const [id, entry] of Object.entries(presets)) {
      expect(entry.id).toBe(id);
      expect(entry.docs).toMatch(/^https:\/\//);
      expect(entry.quirks.length).toBeGreaterThan(0);
      const required = entry.settings.filter((setting) => setting.required).map((setting) => setting.name);
      expect(Object.keys(example[id] ?? {}).sort(), id).toEqual(required.sort());
    }
  });

  it('every three-legged factory builds a valid ProviderConfig; its definition is exported as JSON', () => {
    for (const [id, entry] of Object.entries(presets)) {
      const create = entry.create as (settings: Record<string, string>) => unknown;
      const config = create(example[id] ?? {});
      if (entry.kind === 'two-legged') {
        expect(presetDefinitions[id]).toBeUndefined();
        expect(config).toMatchObject({ id, transport: 'query' });
        continue;
      }
      expect(providerConfigProblems(config), id).toEqual([]);
      expect(config).toMatchObject({ id });
      const definition = presetDefinitions[id];
      expect(definition, id).toBeDefined();
      expect(providerDefinitionProblems(definition), id).toEqual([]);
      expect(definition?.docs).toBe(entry.docs);
    }
  });

  it('presets point anywhere with urls, keeping every other quirk', () => {
    const moved = presets.evernote.create({ urls: { requestTokenUrl: 'http://127.0.0.1:1/oauth' } });
    expect(moved.requestTokenUrl).toBe('http://127.0.0.1:1/oauth');
    expect(moved.accessTokenUrl).toBe('https://www.evernote.com/oauth');
    expect(moved.requestTokenMethod).toBe('GET');
  });
});
