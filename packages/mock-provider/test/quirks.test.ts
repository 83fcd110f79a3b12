import { validateProviderConfig } from '@oauth1a/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateRsaKeyPair,
  type MockProvider,
  type MockProviderOptions,
  startMockProvider,
} from '../src/index.js';
import { login, readParams, requestToken, signedFetch } from './helpers.js';

let mock: MockProvider | undefined;
async function start(options: MockProviderOptions): Promise<MockProvider> {
  mock = await startMockProvider(options);
  validateProviderConfig(mock.provider);
  return mock;
}
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('tokenResponse: json', () => {
  it('answers both token legs in JSON and says so in the provider config', async () => {
    const m = await start({ tokenResponse: 'json' });
    expect(m.provider.tokenResponse).toBe('json');
    const response = await signedFetch({
      url: m.provider.requestTokenUrl,
      consumer: m.consumer,
      oauthParams: { oauth_callback: 'oob' },
    });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ oauth_callback_confirmed: 'true' });
    const { params } = await login(m);
    expect(params).toMatchObject({ user_id: '1001', screen_name: 'ada' });
  });
});

describe('oauth10', () => {
  it('no oauth_callback_confirmed, no verifier, callback from the authorize URL', async () => {
    const m = await start({ oauth10: true });
    expect(m.provider).toMatchObject({
      callbackConfirmed: false,
      sendsVerifier: false,
      callbackOnAuthorizeUrl: true,
    });
    const leg1 = await signedFetch({ url: m.provider.requestTokenUrl, consumer: m.consumer });
    expect(leg1.status).toBe(200);
    const params = await readParams(leg1);
    expect(params.oauth_callback_confirmed).toBeUndefined();
    const request = { token: params.oauth_token!, secret: params.oauth_token_secret! };

    const page = new URL(m.provider.authorizeUrl);
    page.searchParams.set('oauth_token', request.token);
    page.searchParams.set('oauth_callback', 'http://app.test/cb?s=1');
    expect((await fetch(page)).status).toBe(200);

    // Not yet approved: permission_denied.
    const early = await signedFetch({ url: m.provider.accessTokenUrl, consumer: m.consumer, token: request });
    expect((await readParams(early)).oauth_problem).toBe('permission_denied');

    const decision = await fetch(m.provider.authorizeUrl, {
      method: 'POST',
      body: new URLSearchParams({ oauth_token: request.token, action: 'approve' }),
      redirect: 'manual',
    });
    const location = new URL(decision.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://app.test/cb');
    expect(location.searchParams.get('s')).toBe('1');
    expect(location.searchParams.get('oauth_token')).toBe(request.token);
    expect(location.searchParams.has('oauth_verifier')).toBe(false);

    const access = await signedFetch({
      url: m.provider.accessTokenUrl,
      consumer: m.consumer,
      token: request,
    });
    expect(access.status).toBe(200);
    expect((await readParams(access)).oauth_token).toMatch(/^at_/);
  });

  it("falls back to the consumer's registered callback", async () => {
    const m = await start({
      oauth10: true,
      consumers: [{ key: 'k', secret: 's', callbackUrl: 'http://registered.test/back' }],
    });
    const leg1 = await readParams(
      await signedFetch({ url: m.provider.requestTokenUrl, consumer: m.consumer }),
    );
    expect(m.approve(leg1.oauth_token!)).toBe(`http://registered.test/back?oauth_token=${leg1.oauth_token}`);
  });
});

describe('tokenLegMethod', () => {
  it('GET only (Evernote): GET works, POST gets 405, the config says GET', async () => {
    const m = await start({ tokenLegMethod: 'GET' });
    expect(m.provider).toMatchObject({ requestTokenMethod: 'GET', accessTokenMethod: 'GET' });
    await login(m, { method: 'GET', transport: 'query' });
    await login(m, { method: 'GET', transport: 'header' });
    const post = await signedFetch({
      url: m.provider.requestTokenUrl,
      consumer: m.consumer,
      oauthParams: { oauth_callback: 'oob' },
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('any: both methods work', async () => {
    const m = await start({ tokenLegMethod: 'any' });
    expect(m.provider.requestTokenMethod).toBeUndefined();
    await login(m, { method: 'GET', transport: 'query' });
    await login(m, { method: 'POST' });
  });
});

describe('sharedTokenUrl', () => {
  it('one URL for both legs; a token in the request means leg 3', async () => {
    const m = await start({ sharedTokenUrl: true, tokenLegMethod: 'GET' });
    expect(m.provider.requestTokenUrl).toBe(`${m.url}/oauth`);
    expect(m.provider.accessTokenUrl).toBe(`${m.url}/oauth`);
    for (const transport of ['header', 'query'] as const) {
      const { params } = await login(m, { method: 'GET', transport });
      expect(params.oauth_token).toMatch(/^at_/);
    }
    expect(m.log.slice(-2).map((entry) => entry.endpoint)).toEqual(['request_token', 'access_token']);
  });

  it('takes a custom path', async () => {
    const m = await start({ sharedTokenUrl: '/evernote/oauth' });
    expect(m.provider.accessTokenUrl).toBe(`${m.url}/evernote/oauth`);
    await login(m, { transport: 'body' });
  });
});

describe('sessionHandles', () => {
  it('adds oauth_session_handle and oauth_expires_in, expires tokens and renews them', async () => {
    let clock = Date.now();
    const m = await start({ sessionHandles: true, accessTokenTtlMs: 3_600_000, now: () => clock });
    const { token, params } = await login(m);
    expect(params.oauth_session_handle).toMatch(/^sh_/);
    expect(params.oauth_expires_in).toBe('3600');

    clock += 3_601_000;
    const timestamp = Math.floor(clock / 1000);
    const expired = await signedFetch({
      method: 'GET',
      url: m.provider.profile!.url,
      consumer: m.consumer,
      token,
      timestamp,
    });
    expect(expired.status).toBe(401);
    expect((await readParams(expired)).oauth_problem).toBe('token_expired');

    const noHandle = await signedFetch({
      url: m.provider.accessTokenUrl,
      consumer: m.consumer,
      token,
      timestamp,
    });
    expect((await readParams(noHandle)).oauth_problem).toBe('token_rejected');
    const wrongHandle = await signedFetch({
      url: m.provider.accessTokenUrl,
      consumer: m.consumer,
      token,
      timestamp,
      oauthParams: { oauth_session_handle: 'sh_wrong' },
    });
    expect((await readParams(wrongHandle)).oauth_problem).toBe('token_rejected');

    const renewal = await signedFetch({
      url: m.provider.accessTokenUrl,
      consumer: m.consumer,
      token,
      timestamp,
      oauthParams: { oauth_session_handle: params.oauth_session_handle! },
    });
    expect(renewal.status).toBe(200);
    const renewed = await readParams(renewal);
    expect(renewed.oauth_token).not.toBe(token.token);
    expect(renewed.oauth_session_handle).toBe(params.oauth_session_handle);
    const whoami = await signedFetch({
      method: 'GET',
      url: m.provider.profile!.url,
      consumer: m.consumer,
      token: { token: renewed.oauth_token!, secret: renewed.oauth_token_secret! },
      timestamp,
    });
    expect(whoami.status).toBe(200);
    // The old token is gone.
    const old = await signedFetch({
      method: 'GET',
      url: m.provider.profile!.url,
      consumer: m.consumer,
      token,
      timestamp,
    });
    expect((await readParams(old)).oauth_problem).toBe('token_rejected');
  });
});

describe('extraTokenParams', () => {
  it('merges over the default user_id and screen_name', async () => {
    const m = await start({ extraTokenParams: { x_auth_expires: '0' } });
    const { params } = await login(m);
    expect(params).toMatchObject({ user_id: '1001', screen_name: 'ada', x_auth_expires: '0' });
  });

  it('false sends only the token and secret', async () => {
    const m = await start({ extraTokenParams: false });
    const { params } = await login(m);
    expect(Object.keys(params).sort()).toEqual(['oauth_token', 'oauth_token_secret']);
  });
});

describe('users, consumers and requestTokenTtlMs', () => {
  it('configured users appear in whoami', async () => {
    const m = await start({ users: [{ id: 'u-7', screenName: 'lin', name: 'Lin Mei' }] });
    const { token } = await login(m);
    const whoami = await signedFetch({
      method: 'GET',
      url: m.provider.profile!.url,
      consumer: m.consumer,
      token,
    });
    expect(await whoami.json()).toEqual({ id: 'u-7', screen_name: 'lin', name: 'Lin Mei' });
  });

  it('an RSA-only provider generates an RSA consumer and names the method in its config', async () => {
    const m = await start({ signatureMethods: ['RSA-SHA256'] });
    expect(m.provider.signatureMethod).toBe('RSA-SHA256');
    expect(m.consumer.privateKey).toContain('PRIVATE KEY');
    expect(m.consumer.secret).toBeUndefined();
    await login(m, { signatureMethod: 'RSA-SHA256' });
    const hmac = await signedFetch({
      url: m.provider.requestTokenUrl,
      consumer: { key: m.consumer.key, secret: 'x' },
      oauthParams: { oauth_callback: 'oob' },
    });
    expect((await readParams(hmac)).oauth_problem).toBe('signature_method_rejected');
  });

  it('an RSA consumer given only a public key verifies signatures made with the private key', async () => {
    const pair = generateRsaKeyPair();
    const m = await start({ consumers: [{ key: 'rsa', publicKey: pair.publicKey }] });
    await login(m, { consumer: { key: 'rsa', privateKey: pair.privateKey }, signatureMethod: 'RSA-SHA1' });
    const other = generateRsaKeyPair();
    const forged = await signedFetch({
      url: m.provider.requestTokenUrl,
      consumer: { key: 'rsa', privateKey: other.privateKey },
      signatureMethod: 'RSA-SHA1',
      oauthParams: { oauth_callback: 'oob' },
    });
    expect((await readParams(forged)).oauth_problem).toBe('signature_invalid');
  });

  it('requestTokenTtlMs expires request tokens on the authorize page', async () => {
    let clock = Date.now();
    const m = await start({ requestTokenTtlMs: 1000, now: () => clock });
    const request = await requestToken(m);
    clock += 1001;
    const page = await fetch(`${m.provider.authorizeUrl}?oauth_token=${request.token}`);
    expect(page.status).toBe(401);
    expect(() => m.approve(request.token)).toThrow(/token_rejected/);
  });

  it('rejects bad options with a message saying what to pass', async () => {
    await expect(startMockProvider({ signatureMethods: [] })).rejects.toThrow(/at least one/);
    await expect(startMockProvider({ tokenLegMethod: 'PUT' as 'GET' })).rejects.toThrow(/tokenLegMethod/);
    await expect(startMockProvider({ consumers: [{ key: 'k' }] })).rejects.toThrow(/secret/);
  });
});
