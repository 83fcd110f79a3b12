// What each preset puts on the wire: endpoints, methods, authorize params, realm and signature method,
// captured at the fetch edge.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bitbucketServer,
  confluence,
  createTwoLeggedFetch,
  discogs,
  discogsFetch,
  evernote,
  flickr,
  garmin,
  goodreads,
  jira,
  netsuite,
  smugmug,
  trello,
  tripit,
  tumblr,
  woocommerce,
  x,
  yahoo,
} from '../../src/providers.js';
import { authorizeQuery, capture } from './capture.js';

const rsa = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const legs = (requests: { method: string; url: URL }[]) =>
  requests.map((request) => `${request.method} ${request.url.href}`);

describe('X', () => {
  it('sends x_auth_access_type on leg 1 and force_login/screen_name on /oauth/authenticate', async () => {
    const result = await capture(x({ accessType: 'read', authenticate: true, forceLogin: true }), {
      authorizeParams: { screen_name: 'ada' },
      profileBody: { id_str: '2244994945', screen_name: 'ada' },
    });
    expect(legs(result.requests)).toEqual([
      'POST https://api.x.com/oauth/request_token?x_auth_access_type=read',
      'POST https://api.x.com/oauth/access_token',
      'GET https://api.x.com/1.1/account/verify_credentials.json',
    ]);
    expect(result.authorizeUrl.origin + result.authorizeUrl.pathname).toBe(
      'https://api.x.com/oauth/authenticate',
    );
    expect(authorizeQuery(result.authorizeUrl)).toEqual({ force_login: 'true', screen_name: 'ada' });
    expect(result.requests[0]!.oauth.oauth_callback).toBe('https://app.example/callback');
    expect(result.credentials.profile).toEqual({ id: '2244994945', name: 'ada' });
  });

  it('defaults to /oauth/authorize with no extra params', async () => {
    const result = await capture(x(), { profileBody: { id_str: '1' } });
    expect(result.requests[0]!.url.search).toBe('');
    expect(result.authorizeUrl.pathname).toBe('/oauth/authorize');
    expect(authorizeQuery(result.authorizeUrl)).toEqual({});
  });
});

describe('Trello', () => {
  it('puts name, scope and expiration on the authorize redirect, defaults filled', async () => {
    const result = await capture(trello({ appName: 'Board Sync' }), {
      profileBody: { id: '5abbe4b7ddc1b351ef961414', fullName: 'Ada Lovelace' },
    });
    expect(result.authorizeUrl.origin + result.authorizeUrl.pathname).toBe(
      'https://trello.com/1/OAuthAuthorizeToken',
    );
    expect(authorizeQuery(result.authorizeUrl)).toEqual({
      name: 'Board Sync',
      scope: 'read',
      expiration: '30days',
    });
    expect(legs(result.requests)).toEqual([
      'POST https://trello.com/1/OAuthGetRequestToken',
      'POST https://trello.com/1/OAuthGetAccessToken',
      'GET https://api.trello.com/1/members/me',
    ]);
    expect(result.credentials.profile).toEqual({ id: '5abbe4b7ddc1b351ef961414', name: 'Ada Lovelace' });
  });

  it('takes scope and expiration as settings', async () => {
    const config = trello({ appName: 'A', scope: 'read,write', expiration: 'never' });
    expect(config.authorizeParams).toEqual({ name: 'A', scope: 'read,write', expiration: 'never' });
  });
});

describe('Flickr, Tumblr, SmugMug, Garmin', () => {
  it('Flickr: perms on the authorize redirect, profile from flickr.test.login', async () => {
    const result = await capture(flickr({ perms: 'write' }), {
      profileBody: { user: { id: '12037949754@N01', username: { _content: 'ada' } }, stat: 'ok' },
      accessFields: { user_nsid: '12037949754@N01', username: 'ada' },
    });
    expect(authorizeQuery(result.authorizeUrl)).toEqual({ perms: 'write' });
    expect(result.requests[0]!.url.href).toBe('https://www.flickr.com/services/oauth/request_token');
    expect(result.requests[2]!.url.searchParams.get('method')).toBe('flickr.test.login');
    expect(result.credentials.profile).toEqual({ id: '12037949754@N01', name: 'ada' });
    expect(result.credentials.params.user_nsid).toBe('12037949754@N01');
  });

  it('Tumblr: no authorize params; the blog name is the id', async () => {
    const result = await capture(tumblr(), { profileBody: { response: { user: { name: 'ada-writes' } } } });
    expect(authorizeQuery(result.authorizeUrl)).toEqual({});
    expect(result.authorizeUrl.origin).toBe('https://www.tumblr.com');
    expect(result.credentials.profile).toEqual({ id: 'ada-writes', name: 'ada-writes' });
  });

  it('SmugMug: Access and Permissions on the authorize redirect', async () => {
    const result = await capture(smugmug({ access: 'Full', permissions: 'Modify' }), {
      profileBody: { Response: { User: { NickName: 'ada', Name: 'Ada Lovelace' } } },
    });
    expect(authorizeQuery(result.authorizeUrl)).toEqual({ Access: 'Full', Permissions: 'Modify' });
    expect(result.requests[0]!.url.href).toBe('https://api.smugmug.com/services/oauth/1.0a/getRequestToken');
    expect(result.requests[2]!.headers.get('accept')).toBe('application/json');
    expect(smugmug().authorizeParams).toEqual({ Access: 'Public', Permissions: 'Read' });
  });

  it('Garmin: token legs on connectapi, consent on connect.garmin.com', async () => {
    const result = await capture(garmin(), { profileBody: { userId: 'd3315b1072421d0dd7c8f6b8e1de4df8' } });
    expect(legs(result.requests).slice(0, 2)).toEqual([
      'POST https://connectapi.garmin.com/oauth-service/oauth/request_token',
      'POST https://connectapi.garmin.com/oauth-service/oauth/access_token',
    ]);
    expect(result.authorizeUrl.origin + result.authorizeUrl.pathname).toBe(
      'https://connect.garmin.com/oauthConfirm',
    );
    expect(result.credentials.profile).toEqual({ id: 'd3315b1072421d0dd7c8f6b8e1de4df8' });
  });
});

describe('Discogs', () => {
  it('sends the User-Agent of discogsFetch on every request, identity as profile', async () => {
    const result = await capture(discogs(), {
      wrapFetch: (fetch) => discogsFetch('BoardSync/1.0 +https://app.example', fetch),
      profileBody: { id: 1, username: 'ada' },
    });
    expect(result.requests).toHaveLength(3);
    for (const request of result.requests)
      expect(request.headers.get('user-agent')).toBe('BoardSync/1.0 +https://app.example');
    expect(result.requests[2]!.url.href).toBe('https://api.discogs.com/oauth/identity');
    expect(result.credentials.profile).toEqual({ id: '1', name: 'ada' });
  });

  it('refuses an empty User-Agent', () => {
    expect(() => discogsFetch(' ')).toThrow(/User-Agent/);
  });
});

describe('Evernote', () => {
  it('uses one URL for both token legs, by GET, and keeps edam_* in credentials.params', async () => {
    const result = await capture(evernote(), {
      accessFields: {
        edam_shard: 's1',
        edam_userId: '123',
        edam_noteStoreUrl: 'https://www.evernote.com/shard/s1/notestore',
      },
    });
    expect(legs(result.requests)).toEqual([
      'GET https://www.evernote.com/oauth',
      'GET https://www.evernote.com/oauth',
    ]);
    expect(result.authorizeUrl.origin + result.authorizeUrl.pathname).toBe(
      'https://www.evernote.com/OAuth.action',
    );
    expect(result.credentials.params).toMatchObject({ edam_shard: 's1', edam_userId: '123' });
  });

  it('sandbox: every URL on sandbox.evernote.com', () => {
    const config = evernote({ sandbox: true });
    expect([config.requestTokenUrl, config.authorizeUrl, config.accessTokenUrl]).toEqual([
      'https://sandbox.evernote.com/oauth',
      'https://sandbox.evernote.com/OAuth.action',
      'https://sandbox.evernote.com/oauth',
    ]);
  });
});

describe('NetSuite', () => {
  it('realm: 1234567-SB1 becomes 1234567_SB1; hosts: 1234567-sb1', async () => {
    const config = netsuite({ accountId: '1234567-SB1' });
    expect(config.realm).toBe('1234567_SB1');
    expect(config.requestTokenUrl).toBe('https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken');
    expect(config.authorizeUrl).toBe(
      'https://1234567-sb1.app.netsuite.com/app/login/secure/authorizetoken.nl',
    );
    expect(config.accessTokenUrl).toBe('https://1234567-sb1.restlets.api.netsuite.com/rest/accesstoken');
    expect(netsuite({ accountId: '1234567_sb1' }).realm).toBe('1234567_SB1');
    expect(netsuite({ accountId: '1234567_sb1' }).requestTokenUrl).toContain('//1234567-sb1.');
  });

  it('signs every leg with HMAC-SHA256 and the realm', async () => {
    const result = await capture(netsuite({ accountId: '1234567-SB1' }));
    for (const request of result.requests) {
      expect(request.realm).toBe('1234567_SB1');
      expect(request.oauth.oauth_signature_method).toBe('HMAC-SHA256');
    }
  });

  it('refuses an account ID that is not one', () => {
    expect(() => netsuite({ accountId: 'evil.com/x?' })).toThrow(/\/settings\/accountId/);
  });
});

describe('Jira, Confluence, Bitbucket Server', () => {
  it('Jira signs with RSA-SHA1 under the instance base URL', async () => {
    const result = await capture(jira({ baseUrl: 'https://jira.example.com/jira' }), {
      consumer: { key: 'oauth1a-app', privateKey: rsa.privateKey },
      profileBody: { key: 'JIRAUSER10000', displayName: 'Ada Lovelace' },
    });
    expect(legs(result.requests)).toEqual([
      'POST https://jira.example.com/jira/plugins/servlet/oauth/request-token',
      'POST https://jira.example.com/jira/plugins/servlet/oauth/access-token',
      'GET https://jira.example.com/jira/rest/api/2/myself',
    ]);
    for (const request of result.requests) expect(request.oauth.oauth_signature_method).toBe('RSA-SHA1');
    expect(result.authorizeUrl.href).toBe(
      'https://jira.example.com/jira/plugins/servlet/oauth/authorize?oauth_token=rt',
    );
    expect(result.credentials.profile).toEqual({ id: 'JIRAUSER10000', name: 'Ada Lovelace' });
  });

  it('an RSA preset refuses a consumer without a private key', async () => {
    await expect(capture(jira({ baseUrl: 'https://jira.example.com' }))).rejects.toThrow(
      /privateKey|private key/i,
    );
  });

  it('Confluence and Bitbucket share the servlet; Bitbucket has no profile', () => {
    const c = confluence({ baseUrl: 'https://wiki.example.com' });
    const b = bitbucketServer({ baseUrl: 'https://git.example.com' });
    expect(c.signatureMethod).toBe('RSA-SHA1');
    expect(b.signatureMethod).toBe('RSA-SHA1');
    expect(c.profile).toEqual({
      url: 'https://wiki.example.com/rest/api/user/current',
      id: 'userKey',
      name: 'displayName',
    });
    expect(b.accessTokenUrl).toBe('https://git.example.com/plugins/servlet/oauth/access-token');
    expect(b.profile).toBeUndefined();
  });

  it('refuses a base URL with a trailing slash or a query', () => {
    expect(() => jira({ baseUrl: 'https://jira.example.com/' })).toThrow(/\/settings\/baseUrl/);
    expect(() => jira({ baseUrl: 'jira.example.com' })).toThrow(/invalid_config/);
  });
});

describe('Yahoo (session extension)', () => {
  it('renews with oauth_session_handle on get_token', async () => {
    const result = await capture(yahoo(), {
      accessFields: { oauth_session_handle: 'sh', oauth_expires_in: '3600', xoauth_yahoo_guid: 'GUID' },
    });
    expect(result.credentials.params.xoauth_yahoo_guid).toBe('GUID');
    const renewed: Request[] = [];
    const flow = (await import('../../src/index.js')).createOAuth1Flow({
      provider: yahoo(),
      consumer: { key: 'ck', secret: 'cs' },
      fetch: async (request) => {
        renewed.push(request);
        return new Response('oauth_token=at2&oauth_token_secret=ats2&oauth_session_handle=sh');
      },
    });
    const next = await flow.refresh(result.credentials);
    expect(next.token).toBe('at2');
    expect(renewed[0]!.url).toBe('https://api.login.yahoo.com/oauth/v2/get_token');
    expect(renewed[0]!.headers.get('authorization')).toContain('oauth_session_handle="sh"');
  });
});

describe('Goodreads and TripIt (OAuth 1.0)', () => {
  for (const [name, preset] of [
    ['Goodreads', goodreads()],
    ['TripIt', tripit()],
  ] as const) {
    it(`${name}: callback on the authorize URL, no verifier on leg 3`, async () => {
      const result = await capture(preset, {
        profileBody: { Profile: { '@attributes': { ref: 'ref1' }, public_display_name: 'Ada' } },
      });
      expect(authorizeQuery(result.authorizeUrl)).toEqual({ oauth_callback: 'https://app.example/callback' });
      expect(result.requests[1]!.oauth.oauth_verifier).toBeUndefined();
      expect(result.requests[1]!.oauth.oauth_token).toBe('rt');
    });
  }

  it('TripIt names the connection from Profile.@attributes.ref', async () => {
    const result = await capture(tripit(), {
      profileBody: { Profile: { '@attributes': { ref: 'ref1' }, public_display_name: 'Ada' } },
    });
    expect(result.credentials.profile).toEqual({ id: 'ref1', name: 'Ada' });
  });
});

describe('WooCommerce (two-legged)', () => {
  it('signs with the consumer only, oauth_* in the query, HMAC-SHA256', async () => {
    const seen: Request[] = [];
    const api = createTwoLeggedFetch(
      woocommerce({ siteUrl: 'http://shop.example.com' }),
      { key: 'ck_1', secret: 'cs_1' },
      {
        fetch: async (request) => {
          seen.push(request);
          return Response.json([]);
        },
      },
    );
    await api('products?per_page=5');
    const url = new URL(seen[0]!.url);
    expect(url.origin + url.pathname).toBe('http://shop.example.com/wp-json/wc/v3/products');
    expect(url.searchParams.get('per_page')).toBe('5');
    expect(url.searchParams.get('oauth_consumer_key')).toBe('ck_1');
    expect(url.searchParams.get('oauth_signature_method')).toBe('HMAC-SHA256');
    expect(url.searchParams.has('oauth_token')).toBe(false);
    expect(seen[0]!.headers.get('authorization')).toBeNull();
  });

  it('refuses a site URL that is not one', () => {
    expect(() => woocommerce({ siteUrl: 'shop.example.com' })).toThrow(/siteUrl/);
  });
});
