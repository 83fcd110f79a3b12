// invalid_config: bad provider configs (every problem listed in one error) and bad consumers; leg 2's URL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  createOAuth1Flow,
  type ProviderConfig,
  providerConfigProblems,
  validateProviderConfig,
} from '../src/index.js';
import { fixturesDir } from './helpers/paths.js';
import { SecretAudit } from './support/harness.js';

const audit = new SecretAudit();
const privateKey = readFileSync(path.join(fixturesDir, 'rsa-private.pem'), 'utf8');
audit.secret('consumer-secret-value', privateKey);

const provider: ProviderConfig = {
  id: 'example',
  name: 'Example',
  requestTokenUrl: 'https://api.example.com/oauth/request_token',
  authorizeUrl: 'https://api.example.com/oauth/authorize',
  accessTokenUrl: 'https://api.example.com/oauth/access_token',
};
const consumer = { key: 'ck', secret: 'consumer-secret-value' };

describe('provider config', () => {
  it('a valid config passes through unchanged, and is JSON data', () => {
    expect(validateProviderConfig(provider)).toBe(provider);
    expect(JSON.parse(JSON.stringify(provider))).toEqual(provider);
    expect(providerConfigProblems(provider)).toEqual([]);
  });

  it('lists every problem in one invalid_config error', () => {
    const bad = {
      id: '',
      name: 7,
      requestTokenUrl: 'ftp://example.com/rt',
      authorizeUrl: '/relative',
      accessTokenUrl: 'not a url',
      signatureMethod: 'HMAC-MD5',
      realm: 1,
      requestTokenParams: { a: 1 },
      authorizeParams: [],
      accessTokenParams: 'x=1',
      tokenResponse: 'xml',
      requestTokenMethod: 'PUT',
      accessTokenMethod: 'get',
      callbackConfirmed: 'yes',
      sendsVerifier: 0,
      callbackOnAuthorizeUrl: null,
      includeVersion: 'no',
      profile: { url: 'nope', id: '', name: 3 },
    };
    const problems = providerConfigProblems(bad);
    expect(problems).toHaveLength(20);
    const error = audit.throws(
      () => createOAuth1Flow({ provider: bad as unknown as ProviderConfig, consumer }),
      'invalid_config',
    );
    for (const problem of problems) expect(error.message).toContain(problem);
    for (const field of [
      'id',
      'name',
      'requestTokenUrl',
      'authorizeUrl',
      'accessTokenUrl',
      'signatureMethod',
      'realm',
      'requestTokenParams',
      'authorizeParams',
      'accessTokenParams',
      'tokenResponse',
      'requestTokenMethod',
      'accessTokenMethod',
      'callbackConfirmed',
      'sendsVerifier',
      'callbackOnAuthorizeUrl',
      'includeVersion',
      'profile.url',
      'profile.id',
      'profile.name',
    ]) {
      expect(error.message).toContain(field);
    }
    expect(error.status).toBe(500);
  });

  it('names the provider id when it has one', () => {
    const error = audit.throws(
      () => validateProviderConfig({ ...provider, accessTokenUrl: '' }),
      'invalid_config',
    );
    expect(error.message).toContain(
      'provider "example" is invalid: accessTokenUrl must be an absolute http(s) URL',
    );
  });

  it('refuses non-objects and a profile that is not an object', () => {
    for (const value of [null, undefined, 'x', [], 3]) {
      audit.throws(() => validateProviderConfig(value), 'invalid_config');
    }
    const error = audit.throws(
      () => validateProviderConfig({ ...provider, profile: 'me' }),
      'invalid_config',
    );
    expect(error.message).toContain('profile must be an object');
    audit.throws(() => createOAuth1Flow(null as never), 'invalid_config');
  });
});

describe('consumer credentials', () => {
  it('refuses a missing or empty key, a missing secret, a missing or broken private key', () => {
    const cases: [ProviderConfig, unknown][] = [
      [provider, null],
      [provider, 'ck'],
      [provider, { secret: 'consumer-secret-value' }],
      [provider, { key: '', secret: 'consumer-secret-value' }],
      [provider, { key: 'ck' }],
      [{ ...provider, signatureMethod: 'RSA-SHA1' }, { key: 'ck' }],
      [
        { ...provider, signatureMethod: 'RSA-SHA256' },
        { key: 'ck', privateKey: 'not a pem' },
      ],
      [
        { ...provider, signatureMethod: 'RSA-SHA1' },
        { key: 'ck', privateKey: privateKey.replace(/[A-Za-z]{10}\n/, '\n') },
      ],
    ];
    for (const [config, bad] of cases) {
      audit.throws(() => createOAuth1Flow({ provider: config, consumer: bad as never }), 'invalid_config');
    }
  });

  it('accepts an RSA consumer with a PEM key and an HMAC consumer with an empty secret', () => {
    expect(() =>
      createOAuth1Flow({
        provider: { ...provider, signatureMethod: 'RSA-SHA1' },
        consumer: { key: 'ck', privateKey },
      }),
    ).not.toThrow();
    expect(() => createOAuth1Flow({ provider, consumer: { key: 'ck', secret: '' } })).not.toThrow();
  });
});

describe('leg 2: the authorize URL', () => {
  it("carries oauth_token, the provider and per-login params, keeping the URL's own query", () => {
    const url = buildAuthorizeUrl(
      {
        ...provider,
        authorizeUrl: 'https://trello.com/1/OAuthAuthorizeToken?lang=en',
        authorizeParams: { name: 'My app', scope: 'read,write', expiration: 'never' },
      },
      'rt 1+2',
      'https://app.test/cb',
      { scope: 'read', oauth_token: 'evil' },
    );
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://trello.com/1/OAuthAuthorizeToken');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      lang: 'en',
      name: 'My app',
      scope: 'read',
      expiration: 'never',
      oauth_token: 'rt 1+2',
    });
    expect(parsed.searchParams.getAll('oauth_token')).toEqual(['rt 1+2']);
    expect(parsed.searchParams.has('oauth_callback')).toBe(false);
  });

  it('adds oauth_callback for OAuth 1.0 providers, but never "oob"', () => {
    const oauth10 = { ...provider, callbackOnAuthorizeUrl: true };
    expect(
      new URL(buildAuthorizeUrl(oauth10, 'rt', 'https://app.test/cb?x=1')).searchParams.get('oauth_callback'),
    ).toBe('https://app.test/cb?x=1');
    expect(new URL(buildAuthorizeUrl(oauth10, 'rt', 'oob')).searchParams.has('oauth_callback')).toBe(false);
  });

  it('invalid_config for a non-string param', () => {
    audit.throws(
      () => buildAuthorizeUrl(provider, 'rt', 'oob', { perms: 3 as unknown as string }),
      'invalid_config',
    );
  });
});

describe('secrets', () => {
  it('no error above carries the consumer secret or the private key', () => {
    audit.assertNoLeaks();
  });
});
