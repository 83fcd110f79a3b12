import { startMockProvider } from '@oauth1a/mock-provider';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.mjs';
import { startExample } from '../src/server.mjs';

let mock;
let app;

beforeAll(async () => {
  mock = await startMockProvider();
  const { provider, consumer } = mock;
  const apiUrl = `${mock.url}/api/echo?greeting=hello%20world`;
  app = createApp({ provider, consumer, apiUrl, sessionPassword: 'an express-session secret of 32+ chars' });
});

afterAll(() => mock.close());

/** `GET /auth/provider` through the app: the agent holding the session and the request token to approve. */
async function startLogin() {
  const agent = request.agent(app);
  const login = await agent.get('/auth/provider').expect(302);
  const authorizeUrl = new URL(login.headers.location);
  expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(mock.provider.authorizeUrl);
  return { agent, requestToken: authorizeUrl.searchParams.get('oauth_token') };
}

/** Follows the provider's redirect back to the app's callback. */
function callBack(agent, callbackUrl) {
  const url = new URL(callbackUrl);
  expect(url.pathname).toBe('/auth/provider/callback');
  return agent.get(`${url.pathname}${url.search}`);
}

/** The JSON that `/api-call` shows: what the mock provider's /api/echo saw. */
function echoOf(html) {
  const pre = html.match(/<pre id="api-result">([^<]*)<\/pre>/)[1];
  return JSON.parse(pre.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&'));
}

describe('examples/passport-express', () => {
  it('shows a sign-in link when signed out, and keeps the API page to signed-in users', async () => {
    const home = await request(app).get('/').expect(200);
    expect(home.text).toContain('Not signed in');
    expect(home.text).toContain('href="/auth/provider"');
    expect((await request(app).get('/api-call').expect(302)).headers.location).toBe('/');
  });

  it('signs in end to end, makes a signed call with the user token, and logs out', async () => {
    const { agent, requestToken } = await startLogin();
    const back = await callBack(agent, mock.approve(requestToken, '1001')).expect(302);
    expect(back.headers.location).toBe('/api-call');

    const home = await agent.get('/').expect(200);
    expect(home.text).toMatch(/Signed in with .* as <strong id="user">ada<\/strong>/);

    const api = await agent.get('/api-call').expect(200);
    expect(api.text).toContain('<strong id="api-status">200</strong>');
    const echo = echoOf(api.text);
    expect(echo).toMatchObject({
      method: 'GET',
      userId: '1001',
      consumerKey: mock.consumer.key,
      signatureMethod: 'HMAC-SHA1',
      transport: 'header',
    });
    expect(echo.query).toEqual([['greeting', 'hello world']]);
    // The access token the provider issued in leg 3 is the one that signed the call.
    const issued = mock.log.filter((entry) => entry.endpoint === 'echo').at(-1);
    expect(issued.status).toBe(200);
    expect(issued.token).toBe(echo.oauth.oauth_token);

    await agent.post('/logout').expect(302);
    expect((await agent.get('/').expect(200)).text).toContain('Not signed in');
    await agent.get('/api-call').expect(302);
  });

  it('a denied sign-in goes to failureRedirect and says why, once', async () => {
    const { agent, requestToken } = await startLogin();
    const back = await callBack(agent, mock.deny(requestToken)).expect(302);
    expect(back.headers.location).toBe('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('<p id="notice">Sign-in failed:');
    expect(home.text).toContain('access_denied');
    expect(home.text).toContain('Not signed in');
    expect((await agent.get('/').expect(200)).text).not.toContain('id="notice"');
  });

  it('a callback that does not match the pending login fails without a token request', async () => {
    const { agent } = await startLogin();
    const before = mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    const back = await agent.get('/auth/provider/callback?oauth_token=forged&oauth_verifier=x').expect(302);
    expect(back.headers.location).toBe('/');
    expect((await agent.get('/').expect(200)).text).toContain('token_mismatch');
    expect(mock.log.filter((entry) => entry.endpoint === 'access_token').length).toBe(before);
  });
});

describe('errors (issue 11, finding 15)', () => {
  it('a provider fault renders the error page, never a stack trace', async () => {
    mock.setFault('request_token', { status: 500, times: 1 });
    const response = await request(app).get('/auth/provider');
    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(response.text).toContain('<h1>Sign-in failed</h1>');
    expect(response.text).toContain('Failed to obtain request token');
    expect(response.text).toContain('request_token_failed');
    expect(response.text).not.toMatch(/\n\s+at |node_modules|\.mjs:\d+/);
  });

  it('a forged Host is refused rather than sent to the provider as the callback', async () => {
    const before = mock.log.filter((entry) => entry.endpoint === 'request_token').length;
    const response = await request(app).get('/auth/provider').set('Host', 'evil.example');
    expect(response.status).toBe(500);
    expect(response.text).toContain('invalid_config');
    expect(response.text).not.toContain('evil.example');
    expect(mock.log.filter((entry) => entry.endpoint === 'request_token').length).toBe(before);
  });
});

describe('npm start (src/server.mjs)', () => {
  it('serves the app on loopback against the embedded mock provider', async () => {
    const example = await startExample({ env: { OAUTH1A_PROVIDER: 'mock' } });
    try {
      const home = await fetch(`${example.appUrl}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain(`Sign in with ${example.provider.name}`);
    } finally {
      await example.close();
    }
  });
});
