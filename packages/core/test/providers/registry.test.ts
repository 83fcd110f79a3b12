// The presets registry a CLI lists: metadata that matches the factories and the JSON definitions.
import { describe, expect, it } from 'vitest';
import { providerConfigProblems, providerDefinitionProblems } from '../../src/index.js';
import { presetDefinitions, presets, providerFromEnv, settingEnvName } from '../../src/providers.js';

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

describe('providerFromEnv', () => {
  it('builds a preset and consumer from OAUTH1A_* variables, settings by name', () => {
    expect(settingEnvName('accountId')).toBe('OAUTH1A_SETTING_ACCOUNT_ID');
    const { provider, consumer } = providerFromEnv({
      OAUTH1A_PROVIDER: 'netsuite',
      OAUTH1A_CONSUMER_KEY: 'ck',
      OAUTH1A_CONSUMER_SECRET: 'cs',
      OAUTH1A_SETTING_ACCOUNT_ID: '1234567-SB1',
    });
    expect(provider.realm).toBe('1234567_SB1');
    expect(consumer).toEqual({ key: 'ck', secret: 'cs' });
  });

  it('reads yes/no settings and a PEM with \\n escapes', () => {
    const x = providerFromEnv({
      OAUTH1A_PROVIDER: 'x',
      OAUTH1A_CONSUMER_KEY: 'ck',
      OAUTH1A_SETTING_AUTHENTICATE: 'true',
    });
    expect(x.provider.authorizeUrl).toBe('https://api.x.com/oauth/authenticate');
    const jira = providerFromEnv({
      OAUTH1A_PROVIDER: 'jira',
      OAUTH1A_CONSUMER_KEY: 'ck',
      OAUTH1A_CONSUMER_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----',
      OAUTH1A_SETTING_BASE_URL: 'https://jira.example.com',
    });
    expect(jira.consumer.privateKey).toBe('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----');
  });

  it('names what is missing, and refuses two-legged or unknown presets', () => {
    expect(() =>
      providerFromEnv({ OAUTH1A_PROVIDER: 'netsuite', OAUTH1A_CONSUMER_SECRET: 'top-secret' }),
    ).toThrow(/netsuite preset needs OAUTH1A_SETTING_ACCOUNT_ID, OAUTH1A_CONSUMER_KEY/);
    expect(() => providerFromEnv({ OAUTH1A_PROVIDER: 'woocommerce', OAUTH1A_CONSUMER_KEY: 'ck' })).toThrow(
      /three-legged/,
    );
    expect(() => providerFromEnv({ OAUTH1A_PROVIDER: 'nope' })).toThrow(/x, trello, flickr/);
  });
});
