// No message or serialized error ever carries a consumer secret, token secret or private key, even when a
// provider echoes what it received (Authorization header, query, PLAINTEXT signatures) in its error body.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOAuth1Flow,
  createSignedFetch,
  IDLE,
  type PendingAuthorization,
  type ProviderConfig,
  type SignatureMethod,
} from '../src/index.js';
import {
  closedPort,
  expectNoLeftovers,
  resourceBaseline,
  SecretAudit,
  startServer,
  type TestServer,
} from './support/harness.js';
import { type MockProvider, startMockProvider } from './support/mock-provider.js';

const audit = new SecretAudit();
const baseline = resourceBaseline();
// Secrets with characters that percent-encoding changes, so encoded echoes are caught too.
const consumer = { key: 'ck-secrets', secret: 'cs/+=&!*secret-value' };
const tokenSecret = 'ts~(token)secret-value';
audit.secret(consumer.secret, tokenSecret);

let echoing: TestServer;
let mock: MockProvider;

beforeAll(async () => {
  // A provider that tells everything it received in a 401: header, URL and body, raw and as JSON.
  echoing = await startServer((req, res, body) => {
    const told = `oauth_problem=signature_invalid&oauth_problem_advice=${encodeURIComponent(
      `received authorization ${req.headers.authorization ?? ''} url ${req.url} body ${body}`,
    )}&debug=${req.headers.authorization ?? ''} ${req.url} ${body}`;
    if (req.url?.startsWith('/json')) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message: told }],
          consumer_secret: consumer.secret,
          oauth_token_secret: tokenSecret,
        }),
      );
      return;
    }
    res.writeHead(401, { 'content-type': 'application/x-www-form-urlencoded' });
    res.end(told);
  });
  mock = await startMockProvider({ consumers: [consumer] });
});

afterAll(async () => {
  await echoing.close();
  await mock.close();
  audit.assertNoLeaks();
  await expectNoLeftovers(baseline);
});

function echoingProvider(path = ''): ProviderConfig {
  return {
    id: 'echoing',
    name: 'Echoing',
    requestTokenUrl: `${echoing.url}${path}/request_token`,
    authorizeUrl: `${echoing.url}/authorize`,
    accessTokenUrl: `${echoing.url}${path}/access_token`,
    profile: { url: `${echoing.url}${path}/whoami`, id: 'id' },
  };
}

const pending: PendingAuthorization = {
  providerId: 'echoing',
  requestToken: 'rt',
  requestTokenSecret: tokenSecret,
  callbackUrl: 'http://app.test/cb',
  createdAt: Date.now(),
};

describe('a provider that echoes the request in its error', () => {
  for (const signatureMethod of ['PLAINTEXT', 'HMAC-SHA1'] as const satisfies SignatureMethod[]) {
    for (const path of ['', '/json']) {
      it(`leg 1, leg 3, profile and refresh (${signatureMethod}${path})`, async () => {
        const flow = createOAuth1Flow({ provider: { ...echoingProvider(path), signatureMethod }, consumer });
        const leg1 = await audit.rejects(
          flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' }),
          'request_token_failed',
        );
        expect(leg1.provider?.body.length).toBeLessThanOrEqual(501);
        const state = { status: 'awaiting_authorization' as const, pending: [pending] };
        await audit.rejects(
          flow.complete(state, { oauth_token: 'rt', oauth_verifier: 'v' }),
          'access_token_failed',
        );
        await audit.rejects(flow.fetchProfile({ token: 'at', tokenSecret }), 'profile_failed');
        const credentials = {
          providerId: 'echoing',
          token: 'at',
          tokenSecret,
          params: { oauth_session_handle: 'h' },
          authorizedAt: 0,
        };
        await audit.rejects(flow.refresh(credentials), 'refresh_failed');
      });
    }
  }

  it('the lifted message and the excerpt keep the provider words but not the secrets', async () => {
    const flow = createOAuth1Flow({
      provider: { ...echoingProvider(), signatureMethod: 'PLAINTEXT' },
      consumer,
    });
    const error = await audit.rejects(flow.fetchProfile({ token: 'at', tokenSecret }), 'profile_failed');
    expect(error.message).toContain('oauth_problem=signature_invalid: received authorization OAuth');
    expect(error.provider?.body).toContain('oauth_problem=signature_invalid');
    expect(error.problem).toBe('signature_invalid');
  });
});

describe('every failure code, serialized', () => {
  it('network failures with PLAINTEXT over the query transport carry no URL with the signature', async () => {
    const port = await closedPort();
    for (const transport of ['header', 'query', 'body'] as const) {
      const signedFetch = createSignedFetch({
        consumer,
        token: { token: 'at', secret: tokenSecret },
        signatureMethod: 'PLAINTEXT',
        transport,
      });
      const init = transport === 'body' ? { method: 'POST' } : {};
      await audit.rejects(signedFetch(`http://127.0.0.1:${port}/x?a=1`, init), 'provider_unreachable');
      mock.setFault('echo', { latencyMs: 1500, times: 1 });
      const timed = createSignedFetch({
        consumer,
        token: { token: 'at', secret: tokenSecret },
        signatureMethod: 'PLAINTEXT',
        transport,
        timeoutMs: 250,
      });
      await audit.rejects(timed(mock.endpoints.echo, init), 'provider_timeout');
    }
  });

  it('toJSON exposes code, message, status and problem only; the excerpt is not enumerable', async () => {
    const flow = createOAuth1Flow({ provider: echoingProvider(), consumer });
    const error = await audit.rejects(
      flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' }),
      'request_token_failed',
    );
    expect(Object.keys(JSON.parse(JSON.stringify(error))).sort()).toEqual([
      'code',
      'message',
      'problem',
      'status',
    ]);
    expect(Object.keys(error)).not.toContain('provider');
    expect(inspect(error)).not.toContain('excerpt');
    expect(error.provider).toBeDefined();
  });

  it('the audit saw every kind of error this file produced', () => {
    const codes = new Set(audit.errors.map((error) => (error as { code: string }).code));
    expect([...codes].sort()).toEqual([
      'access_token_failed',
      'profile_failed',
      'provider_timeout',
      'provider_unreachable',
      'refresh_failed',
      'request_token_failed',
    ]);
  });
});
