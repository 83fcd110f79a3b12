import { SIGNATURE_METHODS } from '@oauth1a/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeyPair, type MockProvider, startMockProvider } from '../src/index.js';
import { login, readParams, requestToken, signedFetch, TRANSPORTS } from './helpers.js';

const rsa = generateRsaKeyPair();
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({
    consumers: [{ key: 'app-key', secret: 'app-secret', privateKey: rsa.privateKey, name: 'Test App' }],
  });
});
afterAll(() => mock.close());

describe('three legs, whoami and echo', () => {
  for (const transport of TRANSPORTS) {
    for (const signatureMethod of SIGNATURE_METHODS) {
      it(`${signatureMethod} over the ${transport}`, async () => {
        const { token, params } = await login(mock, { transport, signatureMethod });
        expect(params.user_id).toBe('1001');
        expect(params.screen_name).toBe('ada');
        const whoami = await signedFetch({
          method: 'GET',
          url: mock.provider.profile!.url,
          consumer: mock.consumer,
          token,
          signatureMethod,
          transport: transport === 'body' ? 'query' : transport,
        });
        expect(whoami.status).toBe(200);
        expect(await whoami.json()).toEqual({ id: '1001', screen_name: 'ada', name: 'Ada Lovelace' });
        const echo = await signedFetch({
          method: 'POST',
          url: `${mock.url}/api/echo?b=2&a=1&a=0`,
          consumer: mock.consumer,
          token,
          signatureMethod,
          transport,
          form: new URLSearchParams([
            ['z', 'last'],
            ['z', ''],
          ]),
        });
        expect(echo.status).toBe(200);
        const body = (await echo.json()) as Record<string, unknown>;
        expect(body).toMatchObject({
          method: 'POST',
          path: '/api/echo',
          query: [
            ['b', '2'],
            ['a', '1'],
            ['a', '0'],
          ],
          form: [
            ['z', 'last'],
            ['z', ''],
          ],
          transport,
          signatureMethod,
          consumerKey: 'app-key',
          userId: '1001',
        });
        expect((body.oauth as Record<string, string>).oauth_token).toBe(token.token);
        expect(body.oauth).not.toHaveProperty('oauth_signature');
      });
    }
  }
});

describe('request token leg', () => {
  it('answers oauth_callback_confirmed=true', async () => {
    const response = await signedFetch({
      url: mock.provider.requestTokenUrl,
      consumer: mock.consumer,
      oauthParams: { oauth_callback: 'oob' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    const params = await readParams(response);
    expect(params.oauth_callback_confirmed).toBe('true');
    expect(params.oauth_token).toMatch(/^\S{20,}$/);
    expect(params.oauth_token_secret).toMatch(/^\S{20,}$/);
  });

  it('appends oauth_token and oauth_verifier to the callback query', async () => {
    const request = await requestToken(mock, { callback: 'http://app.test/cb?next=%2Fhome' });
    const callback = new URL(mock.approve(request.token));
    expect(callback.origin + callback.pathname).toBe('http://app.test/cb');
    expect([...callback.searchParams.keys()]).toEqual(['next', 'oauth_token', 'oauth_verifier']);
    expect(callback.searchParams.get('next')).toBe('/home');
    expect(callback.searchParams.get('oauth_token')).toBe(request.token);
  });

  it('approves as another user', async () => {
    const request = await requestToken(mock);
    const verifier = new URL(mock.approve(request.token, '1002')).searchParams.get('oauth_verifier')!;
    const response = await signedFetch({
      url: mock.provider.accessTokenUrl,
      consumer: mock.consumer,
      token: request,
      oauthParams: { oauth_verifier: verifier },
    });
    const params = await readParams(response);
    expect(params.screen_name).toBe('grace');
    expect(params.user_id).toBe('1002');
  });

  it('logs every handled request', async () => {
    await login(mock);
    const last = mock.log.slice(-2);
    expect(last.map((entry) => entry.endpoint)).toEqual(['request_token', 'access_token']);
    expect(last.every((entry) => entry.status === 200 && entry.consumerKey === 'app-key')).toBe(true);
    expect(last[1]!.token).toMatch(/^rt_/);
  });

  it('provider config is valid and points at the mock', async () => {
    const { validateProviderConfig } = await import('@oauth1a/core');
    expect(validateProviderConfig(mock.provider)).toMatchObject({
      requestTokenUrl: `${mock.url}/oauth/request_token`,
      authorizeUrl: `${mock.url}/oauth/authorize`,
      accessTokenUrl: `${mock.url}/oauth/access_token`,
      tokenResponse: 'urlencoded',
      profile: { url: `${mock.url}/api/whoami`, id: 'id', name: 'screen_name' },
    });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('echo with a non-form body', () => {
  it('verifies oauth_body_hash and echoes the raw body', async () => {
    const { signRequest } = await import('@oauth1a/core');
    const { token } = await login(mock);
    const body = JSON.stringify({ hello: 'world' });
    const url = `${mock.url}/api/echo?q=1`;
    const signed = signRequest({
      method: 'PUT',
      url,
      consumer: mock.consumer,
      token,
      body,
      contentType: 'application/json',
      includeBodyHash: true,
    });
    const ok = await fetch(url, {
      method: 'PUT',
      headers: { authorization: signed.authorization, 'content-type': 'application/json' },
      body,
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      method: 'PUT',
      query: [['q', '1']],
      form: [],
      contentType: 'application/json',
      body,
      oauth: { oauth_body_hash: signed.oauthParams.oauth_body_hash },
    });
    const tampered = await fetch(url, {
      method: 'PUT',
      headers: { authorization: signed.authorization, 'content-type': 'application/json' },
      body: body.replace('world', 'W0rld'),
    });
    expect(tampered.status).toBe(401);
    expect((await readParams(tampered)).oauth_problem).toBe('signature_invalid');
  });
});
