// Each preset completes a real three-legged login against the strict mock provider configured with its
// quirk family. The preset's endpoints are pointed at the mock with the factory's `urls` option; every
// other quirk (signature method, realm, GET legs, OAuth 1.0 callback handling, authorize params,
// profile paths) stays the preset's own.
import { afterEach, describe, expect, it } from 'vitest';
import { createOAuth1Flow, IDLE, type ProviderConfig } from '../../src/index.js';
import {
  bitbucketServer,
  confluence,
  createTwoLeggedFetch,
  discogs,
  evernote,
  flickr,
  garmin,
  goodreads,
  jira,
  netsuite,
  type PresetUrls,
  smugmug,
  trello,
  tripit,
  tumblr,
  woocommerce,
  x,
  yahoo,
} from '../../src/providers.js';
import { type MockProvider, type MockProviderOptions, startMockProvider } from '../support/mock-provider.js';

let mock: MockProvider | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function start(options: MockProviderOptions = {}): Promise<{ m: MockProvider; urls: PresetUrls }> {
  mock = await startMockProvider({ autoApprove: true, ...options });
  const m = mock;
  return {
    m,
    urls: {
      requestTokenUrl: m.endpoints.requestToken,
      authorizeUrl: m.endpoints.authorize,
      accessTokenUrl: m.endpoints.accessToken,
      profileUrl: m.endpoints.whoami,
    },
  };
}

/** begin → the mock's consent page approves at once → complete with the callback's query. */
async function login(m: MockProvider, provider: ProviderConfig, authorizeParams?: Record<string, string>) {
  const flow = createOAuth1Flow({ provider, consumer: m.consumer });
  const begun = await flow.begin(IDLE, { callbackUrl: 'http://app.test/callback', authorizeParams });
  const consent = await fetch(begun.authorizeUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = new URL(consent.headers.get('location')!);
  expect(callback.origin + callback.pathname).toBe('http://app.test/callback');
  const done = await flow.complete(begun.state, callback.searchParams);
  return { flow, begun, callback, ...done };
}

describe('presets against the mock provider', () => {
  it('X: x_auth_access_type signed on leg 1, profile id_str/screen_name', async () => {
    const { m, urls } = await start({ whoami: (u) => ({ id_str: u.id, screen_name: u.screenName }) });
    const result = await login(m, x({ accessType: 'read', forceLogin: true, urls }), { screen_name: 'ada' });
    expect(new URL(result.begun.authorizeUrl).searchParams.get('force_login')).toBe('true');
    expect(result.credentials.profile).toEqual({ id: '1001', name: 'ada' });
    expect(m.log.find((entry) => entry.endpoint === 'request_token')?.status).toBe(200);
  });

  it('Trello: authorize params, profile id/fullName', async () => {
    const { m, urls } = await start({ whoami: (u) => ({ id: `t${u.id}`, fullName: u.name }) });
    const result = await login(m, trello({ appName: 'Board Sync', urls }));
    expect(result.credentials.profile).toEqual({ id: 't1001', name: 'Ada Lovelace' });
  });

  it("Flickr, Tumblr, SmugMug, Garmin, Discogs: each profile shape mapped by the preset's paths", async () => {
    const shapes: [(urls: PresetUrls) => ProviderConfig, MockProviderOptions['whoami'], object][] = [
      [
        (urls) => flickr({ perms: 'delete', urls }),
        (u) => ({ user: { id: u.id, username: { _content: u.screenName } } }),
        { id: '1001', name: 'ada' },
      ],
      [
        (urls) => tumblr({ urls }),
        (u) => ({ response: { user: { name: u.screenName } } }),
        { id: 'ada', name: 'ada' },
      ],
      [
        (urls) => smugmug({ access: 'Full', urls }),
        (u) => ({ Response: { User: { NickName: u.screenName, Name: u.name } } }),
        { id: 'ada', name: 'Ada Lovelace' },
      ],
      [(urls) => garmin({ urls }), (u) => ({ userId: `g-${u.id}` }), { id: 'g-1001' }],
      [
        (urls) => discogs({ urls }),
        (u) => ({ id: Number(u.id), username: u.screenName }),
        { id: '1001', name: 'ada' },
      ],
    ];
    for (const [make, whoami, profile] of shapes) {
      const { m, urls } = await start(whoami === undefined ? {} : { whoami });
      const result = await login(m, make(urls));
      expect(result.credentials.profile).toEqual(profile);
      await m.close();
      mock = undefined;
    }
  });

  it('Evernote: one shared URL for both legs, by GET; edam_* kept in credentials.params', async () => {
    const { m } = await start({
      sharedTokenUrl: true,
      tokenLegMethod: 'GET',
      extraTokenParams: {
        edam_shard: 's1',
        edam_userId: '1001',
        edam_noteStoreUrl: 'https://example.invalid/s1',
      },
    });
    const shared = `${m.url}/oauth`;
    const provider = evernote({
      urls: { requestTokenUrl: shared, accessTokenUrl: shared, authorizeUrl: m.endpoints.authorize },
    });
    expect(provider.requestTokenUrl).toBe(provider.accessTokenUrl);
    const result = await login(m, provider);
    expect(result.credentials.params).toMatchObject({ edam_shard: 's1', edam_userId: '1001' });
    const tokenLegs = m.log.filter((entry) => entry.path === '/oauth');
    expect(tokenLegs.map((entry) => `${entry.method} ${entry.endpoint}`)).toEqual([
      'GET request_token',
      'GET access_token',
    ]);
  });

  it('NetSuite: HMAC-SHA256 only and the realm required on every request', async () => {
    const { m, urls } = await start({ signatureMethods: ['HMAC-SHA256'], realm: '1234567_SB1' });
    const result = await login(m, netsuite({ accountId: '1234567-SB1', urls }));
    expect(result.credentials.token).toBeTruthy();
    expect(m.log.filter((entry) => entry.status !== 200 && entry.status !== 302)).toEqual([]);
  });

  it('NetSuite: a wrong realm is refused by the provider', async () => {
    const { m, urls } = await start({ signatureMethods: ['HMAC-SHA256'], realm: '1234567_SB1' });
    await expect(login(m, netsuite({ accountId: '7654321', urls }))).rejects.toMatchObject({
      code: 'request_token_failed',
    });
  });

  it('Jira and Confluence: RSA-SHA1 verified with the registered public key', async () => {
    for (const make of [jira, confluence]) {
      const { m, urls } = await start({
        signatureMethods: ['RSA-SHA1'],
        whoami: (u) => ({ key: u.screenName, userKey: u.screenName, displayName: u.name }),
      });
      const result = await login(m, make({ baseUrl: 'https://instance.example', urls }));
      expect(result.credentials.profile).toEqual({ id: 'ada', name: 'Ada Lovelace' });
      await m.close();
      mock = undefined;
    }
  });

  it('Bitbucket Server: RSA-SHA1 legs; no JSON "who am I", so no profile', async () => {
    const { m, urls } = await start({ signatureMethods: ['RSA-SHA1'] });
    const result = await login(m, bitbucketServer({ baseUrl: 'https://git.example.com', urls }));
    expect(result.credentials.token).toMatch(/^at_/);
    expect(result.credentials.profile).toBeUndefined();
    expect(m.log.filter((entry) => entry.endpoint === 'whoami')).toHaveLength(0);
    expect(m.log.find((entry) => entry.endpoint === 'access_token')?.status).toBe(200);
  });

  it('Yahoo: session handles, renewed with flow.refresh()', async () => {
    const { m, urls } = await start({
      sessionHandles: true,
      extraTokenParams: { xoauth_yahoo_guid: 'GUID1001' },
    });
    const result = await login(m, yahoo({ urls }));
    expect(result.credentials.params.oauth_session_handle).toBeTruthy();
    expect(result.credentials.params.xoauth_yahoo_guid).toBe('GUID1001');
    const renewed = await result.flow.refresh(result.credentials);
    expect(renewed.token).not.toBe(result.credentials.token);
  });

  it('Goodreads and TripIt: OAuth 1.0, the callback from the authorize URL, no verifier', async () => {
    for (const make of [goodreads, tripit]) {
      const { m, urls } = await start({
        oauth10: true,
        whoami: (u) => ({ Profile: { '@attributes': { ref: u.id }, public_display_name: u.name } }),
      });
      const result = await login(m, make({ urls }));
      expect(result.callback.searchParams.has('oauth_verifier')).toBe(false);
      expect(result.credentials.token).toBeTruthy();
      await m.close();
      mock = undefined;
    }
  });

  it('WooCommerce: a two-legged call the provider verifies (query transport, no token)', async () => {
    const { m } = await start({ twoLegged: true, signatureMethods: ['HMAC-SHA256'] });
    const config = { ...woocommerce({ siteUrl: m.url }), baseUrl: `${m.url}/api` };
    const api = createTwoLeggedFetch(config, m.consumer);
    const response = await api('echo?per_page=5');
    expect(response.status).toBe(200);
    const echo = (await response.json()) as Record<string, unknown>;
    expect(echo).toMatchObject({ transport: 'query', signatureMethod: 'HMAC-SHA256', userId: null });
    expect(echo.query).toEqual([['per_page', '5']]);
  });
});
