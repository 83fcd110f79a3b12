// defineProvider: provider definitions as plain JSON, validated against the shipped provider.schema.json
// (every problem at once, each at its JSON pointer), templates filled from settings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type JsonSchema, SUPPORTED_KEYWORDS } from '../src/define-provider-schema.js';
import {
  defineProvider,
  isOAuth1Error,
  PROVIDER_DEFINITION_SCHEMA,
  type ProviderDefinition,
  providerConfigProblems,
  providerDefinitionProblems,
  SIGNATURE_METHODS,
} from '../src/index.js';
import { presetDefinitions, presets } from '../src/providers.js';

const schemaFile = JSON.parse(
  readFileSync(new URL('../provider.schema.json', import.meta.url), 'utf8'),
) as JsonSchema;

const base = {
  id: 'acme',
  name: 'Acme',
  requestTokenUrl: 'https://acme.example/oauth/request_token',
  authorizeUrl: 'https://acme.example/oauth/authorize',
  accessTokenUrl: 'https://acme.example/oauth/access_token',
} satisfies ProviderDefinition;

/** The problems as "pointer: message" lines. */
const lines = (definition: unknown, settings?: Record<string, string>) =>
  providerDefinitionProblems(definition, settings).map((p) => `${p.pointer}: ${p.message}`);

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('defineProvider accepts', () => {
  it('a plain definition, returning a ProviderConfig without metadata', () => {
    const config = defineProvider({
      ...base,
      docs: 'https://acme.example/docs',
      consumerFields: ['key', 'secret'],
    });
    expect(config).toEqual(base);
  });

  it('templated hosts, realm and params filled from settings (filters applied)', () => {
    const config = defineProvider(presetDefinitions.netsuite, { accountId: '1234567-SB1' });
    expect(config.requestTokenUrl).toBe('https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken');
    expect(config.realm).toBe('1234567_SB1');
    expect(config).not.toHaveProperty('settings');
  });

  it('every exported preset definition, alone and filled with its examples and defaults', () => {
    expect(Object.keys(presetDefinitions).length).toBeGreaterThanOrEqual(15);
    for (const [id, definition] of Object.entries(presetDefinitions)) {
      expect(lines(definition), id).toEqual([]);
      const settings = Object.fromEntries(
        Object.entries(definition.settings ?? {})
          .filter(([, declaration]) => declaration.default === undefined)
          .map(([name, declaration]) => [name, declaration.example ?? '']),
      );
      const config = defineProvider(definition, settings);
      expect(config.id).toBe(id);
      expect(providerConfigProblems(config), id).toEqual([]);
    }
  });

  it('a preset definition gives what its factory gives, for the same settings', () => {
    expect(defineProvider(presetDefinitions.trello!, { appName: 'A' })).toEqual(
      presets.trello.create({ appName: 'A' }),
    );
    expect(defineProvider(presetDefinitions.jira!, { baseUrl: 'https://j.example' })).toEqual(
      presets.jira.create({ baseUrl: 'https://j.example' }),
    );
    expect(defineProvider(presetDefinitions.x!)).toEqual(presets.x.create());
  });

  it('the README example: templates with filters in hosts, realm and profile URL', () => {
    const acme = defineProvider(
      {
        id: 'acme',
        name: 'Acme ERP',
        requestTokenUrl: 'https://{tenant|lower}.acme.example/oauth/request_token',
        authorizeUrl: 'https://{tenant|lower}.acme.example/oauth/authorize',
        accessTokenUrl: 'https://{tenant|lower}.acme.example/oauth/access_token',
        signatureMethod: 'HMAC-SHA256',
        realm: '{tenant|upper}',
        settings: { tenant: { pattern: '^[A-Za-z0-9-]+$', example: 'eu-1' } },
        profile: { url: 'https://{tenant|lower}.acme.example/api/me', id: 'user.id', name: 'user.name' },
      },
      { tenant: 'EU-1' },
    );
    expect(acme.realm).toBe('EU-1');
    expect(acme.authorizeUrl).toBe('https://eu-1.acme.example/oauth/authorize');
    expect(acme.profile?.url).toBe('https://eu-1.acme.example/api/me');
  });

  it('a definition that survives a JSON round trip (stored in a database)', () => {
    const stored = JSON.parse(JSON.stringify(presetDefinitions.evernote)) as unknown;
    expect(defineProvider(stored, { host: 'sandbox.evernote.com' }).accessTokenUrl).toBe(
      'https://sandbox.evernote.com/oauth',
    );
  });
});

describe('defineProvider: the fields stored connections use', () => {
  const connectionFields = {
    ...base,
    requestTokenUrl: 'https://{host}/oauth/request_token',
    settings: { host: { default: 'acme.example' } },
    apiBaseUrl: ['https://api.{host}/v1/', 'https://upload.{host}'],
    revoke: { url: 'https://api.{host}/oauth/revoke', method: 'DELETE' },
    expiry: { field: 'oauth_expires_in', format: 'seconds' },
    verifierParam: 'pin',
    tokenFields: { token: 'access_token', secret: 'access_secret' },
    accountFields: { id: 'user_id', name: 'screen_name' },
    profile: { url: 'https://api.{host}/me', id: 'data.id', method: 'POST', headers: { 'x-api': '2' } },
  } satisfies ProviderDefinition;

  it('fills templates in API base URLs and the revoke URL, and keeps field names as they are', () => {
    const config = defineProvider(connectionFields);
    expect(config.apiBaseUrl).toEqual(['https://api.acme.example/v1/', 'https://upload.acme.example']);
    expect(config.revoke).toEqual({ url: 'https://api.acme.example/oauth/revoke', method: 'DELETE' });
    expect(config.expiry).toEqual({ field: 'oauth_expires_in', format: 'seconds' });
    expect(config.tokenFields).toEqual({ token: 'access_token', secret: 'access_secret' });
    expect(config.accountFields).toEqual({ id: 'user_id', name: 'screen_name' });
    expect(config.profile).toEqual({
      url: 'https://api.acme.example/me',
      id: 'data.id',
      method: 'POST',
      headers: { 'x-api': '2' },
    });
    expect(defineProvider({ ...base, expiry: { authorizeParam: 'expiration' } }).expiry).toEqual({
      authorizeParam: 'expiration',
    });
  });

  it('rejects each of them malformed, at its pointer', () => {
    expect(lines({ ...base, apiBaseUrl: [] }).join('\n')).toContain('/apiBaseUrl');
    expect(lines({ ...base, apiBaseUrl: ['ftp://x'] }).join('\n')).toContain('/apiBaseUrl');
    expect(lines({ ...base, revoke: { url: 'https://a.example', method: 'PUT' } })).toEqual([
      '/revoke/method: must be one of "POST", "DELETE", "GET"',
    ]);
    expect(lines({ ...base, expiry: { field: 'x', format: 'days' } }).join('\n')).toContain('/expiry');
    expect(lines({ ...base, tokenFields: { token: 'a' } })).toEqual(['/tokenFields/secret: is required']);
    expect(providerConfigProblems({ ...base, accountFields: { name: 'n' } })).toEqual([
      'accountFields must be { id, name? } field names of the access-token answer',
    ]);
    expect(providerConfigProblems({ ...base, apiBaseUrl: 'nope', verifierParam: '' })).toEqual([
      'apiBaseUrl must be an absolute http(s) URL or a non-empty list of them',
      'verifierParam must be a non-empty string',
    ]);
  });
});

describe('the schema rejects, with JSON pointers', () => {
  it('a missing URL', () => {
    const { authorizeUrl: _gone, ...rest } = base;
    expect(lines(rest)).toEqual([
      expect.stringMatching(/^\/authorizeUrl: is required and must be an absolute http\(s\) URL/),
    ]);
  });

  it('a relative URL, and one that is no URL once filled', () => {
    expect(lines({ ...base, requestTokenUrl: '/oauth/request_token' })).toEqual([
      expect.stringMatching(/^\/requestTokenUrl: must be an absolute http\(s\) URL/),
    ]);
    const templated = { ...base, accessTokenUrl: '{root}/token', settings: { root: {} } };
    expect(lines(templated, { root: 'acme.example' })).toEqual([
      '/accessTokenUrl: must be an absolute http(s) URL once filled (got "acme.example/token")',
    ]);
  });

  it('an unknown signature method', () => {
    expect(lines({ ...base, signatureMethod: 'HMAC-MD5' })).toEqual([
      `/signatureMethod: must be one of ${SIGNATURE_METHODS.map((m) => `"${m}"`).join(', ')}`,
    ]);
  });

  it('an RSA method without a private key among the consumer fields', () => {
    expect(lines({ ...base, signatureMethod: 'RSA-SHA1' })).toEqual([
      expect.stringMatching(/^\/consumerFields: is required and must include "privateKey"/),
    ]);
    expect(lines({ ...base, signatureMethod: 'RSA-SHA256', consumerFields: ['key', 'secret'] })).toEqual([
      expect.stringMatching(/^\/consumerFields: must include "privateKey"/),
    ]);
    expect(lines({ ...base, signatureMethod: 'RSA-SHA1', consumerFields: ['key', 'privateKey'] })).toEqual(
      [],
    );
  });

  it('an unknown template variable or filter', () => {
    const definition = {
      ...base,
      requestTokenUrl: 'https://{acountId}.example/rt',
      realm: '{accountId|shout}',
      settings: { accountId: { example: '1' } },
    };
    expect(lines(definition)).toEqual([
      '/requestTokenUrl: unknown template variable {acountId}; declare it under /settings (declared: accountId)',
      '/realm: unknown template filter |shout; use lower, upper, dashes, underscores',
    ]);
  });

  it('a bad profile path', () => {
    expect(lines({ ...base, profile: { url: 'https://acme.example/me', id: 'data..id', name: '' } })).toEqual(
      [
        expect.stringMatching(/^\/profile\/id: must be a JSON path of dot-separated keys/),
        expect.stringMatching(/^\/profile\/name: must be a JSON path/),
      ],
    );
    expect(lines({ ...base, profile: { url: 'https://acme.example/me' } })).toEqual([
      expect.stringMatching(/^\/profile\/id: is required/),
    ]);
  });

  it('unknown fields, wrong types, bad settings declarations', () => {
    expect(
      lines({
        ...base,
        scopes: 'read',
        callbackConfirmed: 'no',
        authorizeParams: { perms: 3 },
        settings: { 'bad name': {}, ok: { pattern: '(' } },
      }),
    ).toEqual([
      expect.stringMatching(/^\/scopes: is not a known field/),
      '/callbackConfirmed: must be a boolean',
      '/authorizeParams/perms: must be a string',
      expect.stringMatching(/^\/settings\/bad name: \(the name\) must be a template variable name/),
      '/settings/ok/pattern: is not a valid regular expression',
    ]);
  });

  it('settings for one deployment: missing, undeclared, or not matching the pattern', () => {
    const netsuite = presetDefinitions.netsuite!;
    expect(lines(netsuite, {})).toEqual([
      expect.stringMatching(
        /^\/settings\/accountId: needs a value \(the NetSuite account ID, e\.g\. "1234567-SB1"\)/,
      ),
    ]);
    expect(lines(netsuite, { accountId: '1', region: 'eu' })).toEqual([
      '/settings/region: was given, but the definition declares no such setting (declared: accountId)',
    ]);
    expect(lines(netsuite, { accountId: 'evil.example/' })).toEqual([
      expect.stringMatching(/^\/settings\/accountId: value "evil.example\/" must match/),
    ]);
  });

  it('reports every problem at once in one invalid_config error', () => {
    const error = thrown(() =>
      defineProvider({
        ...base,
        authorizeUrl: 'nope',
        signatureMethod: 'MD5',
        profile: { url: 'https://a.example', id: '.' },
      }),
    );
    expect(isOAuth1Error(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect(error.message).toMatch(
      /^provider definition "acme" is invalid: \/authorizeUrl: .*; \/signatureMethod: .*; \/profile\/id: /,
    );
    expect(thrown(() => defineProvider('x')).message).toContain('/: must be an object');
  });
});

describe('the validator and provider.schema.json agree', () => {
  it('the validator runs the shipped file itself', () => {
    expect(PROVIDER_DEFINITION_SCHEMA).toEqual(schemaFile);
  });

  it('the schema uses only keywords the validator implements', () => {
    const annotations = new Set(['$schema', '$id', 'title', 'description', '$defs', 'default', 'examples']);
    const unknown: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        for (const [index, item] of node.entries()) walk(item, `${path}/${index}`);
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        const isMap = path.endsWith('/properties') || path.endsWith('/$defs');
        if (!isMap && !annotations.has(key) && !key.startsWith('x-') && !SUPPORTED_KEYWORDS.includes(key))
          unknown.push(`${path}/${key}`);
        if (!isMap && (key === 'enum' || key === 'const' || key === 'required')) continue;
        walk(value, `${path}/${key}`);
      }
    };
    walk(schemaFile, '');
    expect(unknown).toEqual([]);
  });

  it('names every ProviderDefinition field, and the signature methods core signs with', () => {
    const fields: Record<keyof ProviderDefinition, true> = {
      $schema: true,
      id: true,
      name: true,
      docs: true,
      requestTokenUrl: true,
      authorizeUrl: true,
      accessTokenUrl: true,
      signatureMethod: true,
      realm: true,
      requestTokenParams: true,
      authorizeParams: true,
      accessTokenParams: true,
      tokenResponse: true,
      requestTokenMethod: true,
      accessTokenMethod: true,
      callbackConfirmed: true,
      sendsVerifier: true,
      callbackOnAuthorizeUrl: true,
      includeVersion: true,
      profile: true,
      apiBaseUrl: true,
      revoke: true,
      expiry: true,
      verifierParam: true,
      tokenFields: true,
      accountFields: true,
      consumerFields: true,
      settings: true,
    };
    expect(Object.keys(schemaFile.properties ?? {}).sort()).toEqual(Object.keys(fields).sort());
    expect(schemaFile.properties?.signatureMethod?.enum).toEqual([...SIGNATURE_METHODS]);
  });

  it('each property the schema types is enforced at its pointer, as core.providerConfigProblems does too', () => {
    const wrong = (schema: JsonSchema): unknown => {
      const resolved = schema.$ref ? (schemaFile.$defs?.[schema.$ref.split('/').pop()!] ?? schema) : schema;
      if (resolved.enum) return 'not-one-of-them';
      if (resolved.pattern) return 'has spaces and no scheme ..';
      return resolved.type === 'string' ? 42 : 'a string';
    };
    for (const [name, property] of Object.entries(schemaFile.properties ?? {})) {
      const definition = { ...base, [name]: wrong(property) };
      const pointers = providerDefinitionProblems(definition).map((p) => p.pointer);
      expect(pointers, name).toContain(`/${name}`);
      const coreKnows = !['$schema', 'docs', 'consumerFields', 'settings', 'id'].includes(name);
      if (coreKnows) expect(providerConfigProblems(definition).join('\n'), name).toContain(name);
    }
  });
});
