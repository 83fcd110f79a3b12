// Session renewal with oauth_session_handle (Yahoo, Xero partner apps) against a real mock provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessCredentials, createOAuth1Flow, IDLE, type OAuth1Flow } from '../src/index.js';
import { callbackQuery, expectNoLeftovers, resourceBaseline, SecretAudit } from './support/harness.js';
import { type MockProvider, startMockProvider } from './support/mock-provider.js';

const audit = new SecretAudit();
const baseline = resourceBaseline();
let mock: MockProvider;
let flow: OAuth1Flow;
let clock = 1_800_000_000_000;

beforeAll(async () => {
  mock = await startMockProvider({ sessionHandles: true, accessTokenTtlMs: 60_000 });
  audit.secret(mock.consumer.secret);
  flow = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer, now: () => clock });
});

afterAll(async () => {
  await mock.close();
  audit.assertNoLeaks();
  await expectNoLeftovers(baseline);
});

async function login(): Promise<AccessCredentials> {
  const begun = await flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' });
  audit.secret(begun.pending.requestTokenSecret);
  const done = await flow.complete(begun.state, callbackQuery(mock.approve(begun.pending.requestToken)));
  audit.secret(done.credentials.tokenSecret, done.credentials.params.oauth_session_handle);
  return done.credentials;
}

describe('refresh', () => {
  it('renews the token with oauth_session_handle, keeping the profile and the handle', async () => {
    const credentials = await login();
    expect(credentials.params.oauth_session_handle).toMatch(/\S/);
    expect(Number(credentials.params.oauth_expires_in)).toBeGreaterThan(0);
    clock += 5000;
    const renewed = await flow.refresh(credentials);
    audit.secret(renewed.tokenSecret);
    expect(renewed.token).not.toBe(credentials.token);
    expect(renewed.tokenSecret).not.toBe(credentials.tokenSecret);
    expect(renewed).toMatchObject({ providerId: 'mock', profile: credentials.profile, authorizedAt: clock });
    expect(renewed.params.oauth_session_handle).toBe(credentials.params.oauth_session_handle);
    // The renewed token works; the old one was revoked.
    expect((await flow.signedFetch(renewed)(mock.endpoints.echo)).status).toBe(200);
    const old = await flow.signedFetch(credentials)(mock.endpoints.echo);
    expect(old.status).toBe(401);
    await old.text();
    // And it can be renewed again.
    const again = await flow.refresh(renewed);
    audit.secret(again.tokenSecret);
    expect(again.token).not.toBe(renewed.token);
  });

  it('refresh_failed without a session handle, before any request', async () => {
    const credentials = await login();
    const { oauth_session_handle: _handle, ...params } = credentials.params;
    const before = mock.log.length;
    const error = await audit.rejects(flow.refresh({ ...credentials, params }), 'refresh_failed');
    expect(error.message).toContain('oauth_session_handle');
    expect(mock.log.length).toBe(before);
  });

  it('refresh_failed when the provider rejects the handle, with its problem', async () => {
    const credentials = await login();
    const forged = {
      ...credentials,
      params: { ...credentials.params, oauth_session_handle: 'not-the-handle' },
    };
    const error = await audit.rejects(flow.refresh(forged), 'refresh_failed');
    expect(error.provider?.status).toBe(401);
    expect(error.problem).toBe('token_rejected');
  });

  it('each fault on the renewal yields its code', async () => {
    const credentials = await login();
    const timed = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer, timeoutMs: 250 });
    const cases = [
      [{ status: 500 }, 'refresh_failed'],
      [{ malformedBody: true }, 'invalid_provider_response'],
      [{ dropConnection: true }, 'provider_unreachable'],
      [{ latencyMs: 1500 }, 'provider_timeout'],
    ] as const;
    for (const [fault, code] of cases) {
      mock.setFault('access_token', { ...fault, times: 1 });
      await audit.rejects(timed.refresh(credentials), code);
    }
    // The handle still works once the faults are gone.
    const renewed = await flow.refresh(credentials);
    audit.secret(renewed.tokenSecret);
  });
});
