import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockProvider, startMockProvider } from '../src/index.js';
import { readParams, requestToken, signedFetch } from './helpers.js';

let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({ consumers: [{ key: 'k', secret: 's', name: 'Trello <Clone>' }] });
});
afterAll(() => mock.close());

function authorizeUrl(token: string): string {
  return `${mock.provider.authorizeUrl}?oauth_token=${encodeURIComponent(token)}`;
}

function decide(token: string, action: string, userId?: string): Promise<Response> {
  const form = new URLSearchParams({ oauth_token: token, action });
  if (userId !== undefined) form.set('user_id', userId);
  return fetch(mock.provider.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
}

async function exchange(token: { token: string; secret: string }, verifier: string): Promise<Response> {
  return signedFetch({
    url: mock.provider.accessTokenUrl,
    consumer: mock.consumer,
    token,
    oauthParams: { oauth_verifier: verifier },
  });
}

describe('GET /oauth/authorize', () => {
  it('shows a page naming the app and the user, with Approve and Deny in a POST form', async () => {
    const request = await requestToken(mock);
    const response = await fetch(authorizeUrl(request.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('Trello &lt;Clone&gt;');
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('Grace Hopper');
    expect(html).toMatch(/<form method="post" action="\/oauth\/authorize">/);
    expect(html).toMatch(/<select name="user_id"/);
    expect(html).toMatch(/<option value="1001" selected>/);
    expect(html).toContain('id="approve"');
    expect(html).toContain('id="deny"');
    expect(html).toContain(`value="${request.token}"`);
  });

  it('400 page without oauth_token, 401 page for an unknown token', async () => {
    const missing = await fetch(mock.provider.authorizeUrl);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('parameter_absent');
    const unknown = await fetch(authorizeUrl('rt_nope'));
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('token_rejected');
    expect(mock.log.at(-1)).toMatchObject({ endpoint: 'authorize', status: 401, problem: 'token_rejected' });
  });
});

describe('POST /oauth/authorize', () => {
  it('approve redirects to the callback with oauth_token and oauth_verifier, as the chosen user', async () => {
    const request = await requestToken(mock, { callback: 'http://app.test/cb?state=1' });
    const response = await decide(request.token, 'approve', '1002');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('1');
    expect(location.searchParams.get('oauth_token')).toBe(request.token);
    const verifier = location.searchParams.get('oauth_verifier')!;
    const access = await exchange(request, verifier);
    expect(access.status).toBe(200);
    expect((await readParams(access)).screen_name).toBe('grace');
  });

  it('deny redirects with denied=<token>; the token then cannot be exchanged', async () => {
    const request = await requestToken(mock, { callback: 'http://app.test/cb' });
    const response = await decide(request.token, 'deny');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('denied')).toBe(request.token);
    expect(location.searchParams.has('oauth_verifier')).toBe(false);
    const access = await exchange(request, 'anything');
    expect(access.status).toBe(401);
    expect((await readParams(access)).oauth_problem).toBe('permission_denied');
  });

  it('a token is decided once', async () => {
    const request = await requestToken(mock);
    expect((await decide(request.token, 'approve')).status).toBe(302);
    const again = await decide(request.token, 'approve');
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('token_used');
    expect(() => mock.approve(request.token)).toThrow(/token_used/);
  });

  it('rejects an unknown user, a missing action and a non-form body', async () => {
    const request = await requestToken(mock);
    expect((await decide(request.token, 'approve', '9999')).status).toBe(400);
    expect((await decide(request.token, 'maybe')).status).toBe(400);
    const json = await fetch(mock.provider.authorizeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oauth_token: request.token }),
    });
    expect(json.status).toBe(415);
    expect((await decide(request.token, 'approve')).status).toBe(302);
  });

  it('oob: a page shows the verifier in #verifier, and it works', async () => {
    const request = await requestToken(mock, { callback: 'oob' });
    const response = await decide(request.token, 'approve');
    expect(response.status).toBe(200);
    const html = await response.text();
    const verifier = /<code id="verifier">([^<]+)<\/code>/.exec(html)![1]!;
    expect((await exchange(request, verifier)).status).toBe(200);
  });

  it('oob: approve() returns oob?oauth_token=...&oauth_verifier=...', async () => {
    const request = await requestToken(mock, { callback: 'oob' });
    const url = mock.approve(request.token);
    expect(url).toMatch(/^oob\?/);
    const verifier = new URLSearchParams(url.slice(4)).get('oauth_verifier')!;
    expect((await exchange(request, verifier)).status).toBe(200);
  });
});

describe('denialStyle and autoApprove', () => {
  let other: MockProvider;
  beforeAll(async () => {
    other = await startMockProvider({ denialStyle: 'oauth_problem', autoApprove: true });
  });
  afterAll(() => other.close());

  it('denialStyle oauth_problem sends oauth_problem=user_refused', async () => {
    const request = await requestToken(other, { callback: 'http://app.test/cb' });
    const form = new URLSearchParams({ oauth_token: request.token, action: 'deny' });
    const response = await fetch(other.provider.authorizeUrl, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('oauth_problem')).toBe('user_refused');
    expect(location.searchParams.has('denied')).toBe(false);
  });

  it('autoApprove redirects at once as the first user', async () => {
    const request = await requestToken(other, { callback: 'http://app.test/cb' });
    const response = await fetch(`${other.provider.authorizeUrl}?oauth_token=${request.token}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    const access = await signedFetch({
      url: other.provider.accessTokenUrl,
      consumer: other.consumer,
      token: request,
      oauthParams: { oauth_verifier: location.searchParams.get('oauth_verifier')! },
    });
    expect((await readParams(access)).user_id).toBe('1001');
  });
});
