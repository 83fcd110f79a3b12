// The ProviderConfig fields stored connections need, as the flow honours them: token field names of a
// JSON token answer (tokenFields), a deviating verifier parameter (verifierParam), and "who am I" by
// another method with extra headers (profile.method, profile.headers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth1Flow, IDLE, type ProviderConfig } from '../src/index.js';
import { startServer, type TestServer } from './support/harness.js';

let server: TestServer;
let provider: ProviderConfig;

beforeAll(async () => {
  // A provider that names things its own way: JSON token answers with access_token/access_secret,
  // and a "who am I" that answers only POST with an API version header.
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/request')
      return json(200, { access_token: 'rt1', access_secret: 'rs1', oauth_callback_confirmed: 'true' });
    if (path === '/access') {
      const header = req.headers.authorization ?? '';
      if (!header.includes('oauth_verifier="pin-123"')) return json(401, { error: 'verifier' });
      return json(200, { access_token: 'at1', access_secret: 'as1', user: 'u1' });
    }
    if (path === '/me') {
      if (req.method !== 'POST' || req.headers['x-api-version'] !== '2') return json(405, {});
      return json(200, { data: { account: { id: 77, display: 'Seventy' } } });
    }
    return json(404, {});
  });
  provider = {
    id: 'odd',
    name: 'Odd',
    requestTokenUrl: `${server.url}/request`,
    authorizeUrl: `${server.url}/authorize`,
    accessTokenUrl: `${server.url}/access`,
    tokenResponse: 'json',
    tokenFields: { token: 'access_token', secret: 'access_secret' },
    verifierParam: 'pin',
    profile: {
      url: `${server.url}/me`,
      id: 'data.account.id',
      name: 'data.account.display',
      method: 'POST',
      headers: { 'x-api-version': '2' },
    },
  };
});
afterAll(() => server.close());

describe('the flow with a provider that names things its own way', () => {
  it('reads the token fields it declares, takes the verifier from its parameter, POSTs "who am I"', async () => {
    const flow = createOAuth1Flow({ provider, consumer: { key: 'ck', secret: 'cs' } });
    const begun = await flow.begin(IDLE, { callbackUrl: 'https://app.example/cb' });
    expect(begun.pending).toMatchObject({ requestToken: 'rt1', requestTokenSecret: 'rs1' });
    const done = await flow.complete(
      begun.state,
      new URLSearchParams({ oauth_token: 'rt1', pin: 'pin-123' }),
    );
    expect(done.credentials).toMatchObject({
      token: 'at1',
      tokenSecret: 'as1',
      params: { user: 'u1' },
      profile: { id: '77', name: 'Seventy' },
    });
    expect(done.credentials.params).not.toHaveProperty('access_token');
    expect(done.credentials.params).not.toHaveProperty('access_secret');
  });

  it('names the declared field when the answer lacks it', async () => {
    const flow = createOAuth1Flow({
      provider: { ...provider, tokenFields: { token: 'tok', secret: 'sec' } },
      consumer: { key: 'ck', secret: 'cs' },
    });
    await expect(flow.begin(IDLE, { callbackUrl: 'https://app.example/cb' })).rejects.toMatchObject({
      code: 'invalid_provider_response',
      message: expect.stringContaining('has no tok or sec'),
    });
  });
});
