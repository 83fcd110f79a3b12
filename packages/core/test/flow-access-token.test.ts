// Leg 3 against a real mock provider, and the provider variants the flow supports end to end: the PIN
// flow, OAuth 1.0, JSON token responses, a realm, GET token legs, one shared token URL, RSA consumers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth1Flow, IDLE, type OAuth1Flow } from '../src/index.js';
import { callbackQuery, expectNoLeftovers, resourceBaseline, SecretAudit } from './support/harness.js';
import { type MockProvider, type MockProviderOptions, startMockProvider } from './support/mock-provider.js';

const audit = new SecretAudit();
const baseline = resourceBaseline();
const CALLBACK = 'http://app.test/callback';
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider();
  audit.secret(mock.consumer.secret);
});

afterAll(async () => {
  await mock.close();
  audit.assertNoLeaks();
  await expectNoLeftovers(baseline);
});

async function withProvider(options: MockProviderOptions, run: (m: MockProvider) => Promise<void>) {
  const m = await startMockProvider(options);
  try {
    for (const c of m.consumers) audit.secret(c.secret, c.privateKey);
    await run(m);
  } finally {
    await m.close();
  }
}

async function login(flow: OAuth1Flow, m: MockProvider, callbackUrl = CALLBACK) {
  const begun = await flow.begin(IDLE, { callbackUrl });
  audit.secret(begun.pending.requestTokenSecret);
  const done = await flow.complete(begun.state, callbackQuery(m.approve(begun.pending.requestToken)));
  audit.secret(done.credentials.tokenSecret);
  return { begun, done };
}

/** An API call with the credentials: proves the access token is real. */
async function echo(flow: OAuth1Flow, m: MockProvider, credentials: { token: string; tokenSecret: string }) {
  const response = await flow.signedFetch(credentials)(m.endpoints.echo);
  expect(response.status).toBe(200);
  return (await response.json()) as { userId: string; realm?: string; signatureMethod: string };
}

describe('leg 3: the access token', () => {
  it('authorized, with the provider extras in params and the profile', async () => {
    const flow = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer });
    const { done } = await login(flow, mock);
    expect(done.credentials.params).toEqual({ user_id: '1001', screen_name: 'ada' });
    expect(done.credentials.profile).toEqual({ id: '1001', name: 'ada' });
    expect(done.state).toEqual({ status: 'authorized', credentials: done.credentials, pending: [] });
    expect((await echo(flow, mock, done.credentials)).userId).toBe('1001');
    const leg3 = mock.log.findLast((entry) => entry.endpoint === 'access_token');
    expect(leg3).toMatchObject({ method: 'POST', status: 200 });
  });

  it('each fault on the access-token endpoint yields its code', async () => {
    const cases = [
      [{ status: 500 }, 'access_token_failed'],
      [{ status: 401 }, 'access_token_failed'],
      [{ malformedBody: true }, 'invalid_provider_response'],
      [{ dropConnection: true }, 'provider_unreachable'],
      [{ latencyMs: 1500 }, 'provider_timeout'],
    ] as const;
    const setup = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer });
    const flow = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer, timeoutMs: 250 });
    for (const [fault, code] of cases) {
      const begun = await setup.begin(IDLE, { callbackUrl: CALLBACK });
      audit.secret(begun.pending.requestTokenSecret);
      const query = callbackQuery(mock.approve(begun.pending.requestToken));
      mock.setFault('access_token', { ...fault, times: 1 });
      await audit.rejects(flow.complete(begun.state, query), code);
    }
  });

  it('the PIN flow: oob, and complete() with the verifier the user typed', async () => {
    const flow = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer });
    const begun = await flow.begin(IDLE, { callbackUrl: 'oob' });
    audit.secret(begun.pending.requestTokenSecret);
    expect(begun.pending.callbackUrl).toBe('oob');
    const shown = callbackQuery(mock.approve(begun.pending.requestToken));
    const pin = shown.get('oauth_verifier')!;
    const done = await flow.complete(begun.state, { oauth_verifier: pin });
    audit.secret(done.credentials.tokenSecret);
    expect(done.credentials.profile?.id).toBe('1001');
  });

  it('OAuth 1.0: no callback confirmation, no verifier, callback on the authorize URL', async () => {
    await withProvider({ oauth10: true }, async (m) => {
      expect(m.provider).toMatchObject({
        callbackConfirmed: false,
        sendsVerifier: false,
        callbackOnAuthorizeUrl: true,
      });
      const flow = createOAuth1Flow({ provider: m.provider, consumer: m.consumer });
      const begun = await flow.begin(IDLE, { callbackUrl: CALLBACK });
      audit.secret(begun.pending.requestTokenSecret);
      expect(new URL(begun.authorizeUrl).searchParams.get('oauth_callback')).toBe(CALLBACK);
      // The user visits the authorize URL (the provider learns the callback there), then approves.
      const page = await fetch(begun.authorizeUrl);
      expect(page.status).toBe(200);
      await page.text();
      const query = callbackQuery(m.approve(begun.pending.requestToken));
      expect(query.has('oauth_verifier')).toBe(false);
      const done = await flow.complete(begun.state, query);
      audit.secret(done.credentials.tokenSecret);
      expect((await echo(flow, m, done.credentials)).userId).toBe('1001');
    });
  });

  it('JSON token responses, read by tokenResponse "json" and by "auto"', async () => {
    await withProvider({ tokenResponse: 'json' }, async (m) => {
      for (const tokenResponse of ['json', 'auto'] as const) {
        const flow = createOAuth1Flow({ provider: { ...m.provider, tokenResponse }, consumer: m.consumer });
        const { done } = await login(flow, m);
        expect(done.credentials.params).toEqual({ user_id: '1001', screen_name: 'ada' });
      }
      m.setFault('request_token', { malformedBody: true, times: 1 });
      const flow = createOAuth1Flow({ provider: m.provider, consumer: m.consumer });
      const error = await audit.rejects(
        flow.begin(IDLE, { callbackUrl: CALLBACK }),
        'invalid_provider_response',
      );
      expect(error.message).toContain('not valid JSON');
    });
  });

  it('a realm the provider requires (NetSuite style, HMAC-SHA256)', async () => {
    await withProvider({ realm: 'ACCT_123', signatureMethods: ['HMAC-SHA256'] }, async (m) => {
      expect(m.provider).toMatchObject({ realm: 'ACCT_123', signatureMethod: 'HMAC-SHA256' });
      const flow = createOAuth1Flow({ provider: m.provider, consumer: m.consumer });
      const { done } = await login(flow, m);
      const seen = await echo(flow, m, done.credentials);
      expect(seen).toMatchObject({ realm: 'ACCT_123', signatureMethod: 'HMAC-SHA256' });
      const { realm: _realm, ...withoutRealm } = m.provider;
      const refused = createOAuth1Flow({ provider: withoutRealm, consumer: m.consumer });
      await audit.rejects(refused.begin(IDLE, { callbackUrl: CALLBACK }), 'request_token_failed');
    });
  });

  it('GET token legs (Evernote), and a provider that accepts GET only refuses POST', async () => {
    await withProvider({ tokenLegMethod: 'GET', sharedTokenUrl: true }, async (m) => {
      expect(m.provider).toMatchObject({ requestTokenMethod: 'GET', accessTokenMethod: 'GET' });
      expect(m.provider.requestTokenUrl).toBe(m.provider.accessTokenUrl);
      const flow = createOAuth1Flow({ provider: m.provider, consumer: m.consumer });
      await login(flow, m);
      expect(
        m.log
          .filter((e) => e.endpoint === 'request_token' || e.endpoint === 'access_token')
          .map((e) => e.method),
      ).toEqual(['GET', 'GET']);
      const post = createOAuth1Flow({
        provider: { ...m.provider, requestTokenMethod: 'POST' },
        consumer: m.consumer,
      });
      const error = await audit.rejects(post.begin(IDLE, { callbackUrl: CALLBACK }), 'request_token_failed');
      expect(error.provider?.status).toBe(405);
    });
  });

  it('RSA-SHA1 and RSA-SHA256 consumers', async () => {
    for (const method of ['RSA-SHA1', 'RSA-SHA256'] as const) {
      await withProvider({ signatureMethods: [method] }, async (m) => {
        expect(m.consumer.privateKey).toContain('PRIVATE KEY');
        expect(m.provider.signatureMethod).toBe(method);
        const flow = createOAuth1Flow({ provider: m.provider, consumer: m.consumer });
        const { done } = await login(flow, m);
        expect((await echo(flow, m, done.credentials)).signatureMethod).toBe(method);
      });
    }
  });

  it('PLAINTEXT and HMAC-SHA512 consumers', async () => {
    for (const method of ['PLAINTEXT', 'HMAC-SHA512'] as const) {
      await withProvider({ signatureMethods: [method] }, async (m) => {
        const flow = createOAuth1Flow({ provider: m.provider, consumer: m.consumer });
        const { done } = await login(flow, m);
        expect((await echo(flow, m, done.credentials)).signatureMethod).toBe(method);
      });
    }
  });
});
