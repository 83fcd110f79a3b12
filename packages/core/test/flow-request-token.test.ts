// Leg 1 against a real mock provider on 127.0.0.1: success, and one case per failure code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth1Flow, IDLE, type ProviderConfig } from '../src/index.js';
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
let mock: MockProvider;
let custom: TestServer;
let customAnswer: { status: number; type: string; body: string } = {
  status: 200,
  type: 'text/plain',
  body: '',
};
const CALLBACK = 'http://app.test/callback?from=leg1';

beforeAll(async () => {
  mock = await startMockProvider();
  audit.secret(mock.consumer.secret);
  custom = await startServer((_req, res) => {
    res.writeHead(customAnswer.status, { 'content-type': customAnswer.type });
    res.end(customAnswer.body);
  });
});

afterAll(async () => {
  await mock.close();
  await custom.close();
  audit.assertNoLeaks();
  await expectNoLeftovers(baseline);
});

const flowFor = (provider: ProviderConfig = mock.provider, extra: { timeoutMs?: number } = {}) =>
  createOAuth1Flow({ provider, consumer: mock.consumer, ...extra });

function customProvider(): ProviderConfig {
  return { ...mock.provider, requestTokenUrl: `${custom.url}/request_token` };
}

describe('leg 1: the request token', () => {
  it('idle -> awaiting_authorization, with the authorize URL (leg 2)', async () => {
    const begun = await flowFor().begin(IDLE, { callbackUrl: CALLBACK, returnTo: '/after' });
    audit.secret(begun.pending.requestTokenSecret);
    expect(begun.state).toEqual({ status: 'awaiting_authorization', pending: [begun.pending] });
    expect(begun.pending).toMatchObject({ providerId: 'mock', callbackUrl: CALLBACK, returnTo: '/after' });
    expect(begun.pending.requestToken).toMatch(/\S/);
    const url = new URL(begun.authorizeUrl);
    expect(url.origin + url.pathname).toBe(mock.endpoints.authorize);
    expect(url.searchParams.get('oauth_token')).toBe(begun.pending.requestToken);
    expect(url.searchParams.has('oauth_callback')).toBe(false);
    // The provider saw a POST carrying the callback, signed with the consumer only.
    const entry = mock.log.findLast((e) => e.endpoint === 'request_token');
    expect(entry).toMatchObject({ method: 'POST', status: 200 });
  });

  it('sends requestTokenParams and per-login params in the query, and authorizeParams on the URL', async () => {
    const provider: ProviderConfig = {
      ...customProvider(),
      requestTokenParams: { x_auth_access_type: 'read' },
      authorizeParams: { name: 'My app', oauth_token: 'ignored' },
    };
    customAnswer = {
      status: 200,
      type: 'application/x-www-form-urlencoded',
      body: 'oauth_token=rt&oauth_token_secret=rts123456&oauth_callback_confirmed=true',
    };
    const begun = await flowFor(provider).begin(IDLE, {
      callbackUrl: CALLBACK,
      requestTokenParams: { scope: 'a b' },
      authorizeParams: { force_login: 'true' },
    });
    const sent = new URL(custom.requests.at(-1)!.url, custom.url);
    expect([...sent.searchParams]).toEqual([
      ['x_auth_access_type', 'read'],
      ['scope', 'a b'],
    ]);
    expect(custom.requests.at(-1)!.headers.authorization).toMatch(
      /oauth_callback="http%3A%2F%2Fapp.test%2Fcallback%3Ffrom%3Dleg1"/,
    );
    const url = new URL(begun.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      name: 'My app',
      force_login: 'true',
      oauth_token: 'rt',
    });
  });

  it('invalid_config for a callback URL that is neither http(s) nor oob', async () => {
    for (const callbackUrl of ['/relative', 'javascript:alert(1)', '']) {
      await audit.rejects(flowFor().begin(IDLE, { callbackUrl }), 'invalid_config');
    }
  });

  it('request_token_failed: a 401 from the provider, with its status and its own message lifted', async () => {
    const flow = createOAuth1Flow({
      provider: mock.provider,
      consumer: { key: mock.consumer.key, secret: 'not-the-consumer-secret' },
    });
    const error = await audit.rejects(flow.begin(IDLE, { callbackUrl: CALLBACK }), 'request_token_failed');
    expect(error.provider?.status).toBe(401);
    expect(error.problem).toBe('signature_invalid');
    expect(error.message).toContain('answered 401');
    expect(error.message).toContain('oauth_problem=signature_invalid');
    expect(error.status).toBe(502);
  });

  it('request_token_failed lifts X-style errors[0].message', async () => {
    customAnswer = {
      status: 401,
      type: 'application/json',
      body: JSON.stringify({ errors: [{ code: 32, message: 'Could not authenticate you.' }] }),
    };
    const error = await audit.rejects(
      flowFor(customProvider()).begin(IDLE, { callbackUrl: CALLBACK }),
      'request_token_failed',
    );
    expect(error.message).toContain('"Could not authenticate you."');
    expect(error.provider).toMatchObject({ status: 401, contentType: 'application/json' });
  });

  it('callback_not_confirmed when the provider omits oauth_callback_confirmed', async () => {
    const oauth10 = await startMockProvider({ oauth10: true });
    try {
      audit.secret(oauth10.consumer.secret);
      const { callbackConfirmed: _dropped, ...provider } = oauth10.provider;
      const flow = createOAuth1Flow({ provider, consumer: oauth10.consumer });
      await audit.rejects(flow.begin(IDLE, { callbackUrl: CALLBACK }), 'callback_not_confirmed');
    } finally {
      await oauth10.close();
    }
  });

  it('callback_not_confirmed when it answers anything but "true"', async () => {
    customAnswer = {
      status: 200,
      type: 'application/x-www-form-urlencoded',
      body: 'oauth_token=rt&oauth_token_secret=rts123456&oauth_callback_confirmed=false',
    };
    await audit.rejects(
      flowFor(customProvider()).begin(IDLE, { callbackUrl: CALLBACK }),
      'callback_not_confirmed',
    );
  });

  it('invalid_provider_response for a malformed body', async () => {
    mock.setFault('request_token', { malformedBody: true, times: 1 });
    const error = await audit.rejects(
      flowFor().begin(IDLE, { callbackUrl: CALLBACK }),
      'invalid_provider_response',
    );
    expect(error.provider?.status).toBe(200);
    expect(error.message).toContain('oauth_token');
  });

  it('invalid_provider_response for an answer without oauth_token, or without its secret', async () => {
    customAnswer = {
      status: 200,
      type: 'application/x-www-form-urlencoded',
      body: 'oauth_token_secret=rts123456&oauth_callback_confirmed=true',
    };
    const noToken = await audit.rejects(
      flowFor(customProvider()).begin(IDLE, { callbackUrl: CALLBACK }),
      'invalid_provider_response',
    );
    expect(noToken.message).toMatch(/no oauth_token;/);
    customAnswer = {
      status: 200,
      type: 'application/x-www-form-urlencoded',
      body: 'oauth_token=rt&oauth_callback_confirmed=true',
    };
    const noSecret = await audit.rejects(
      flowFor(customProvider()).begin(IDLE, { callbackUrl: CALLBACK }),
      'invalid_provider_response',
    );
    expect(noSecret.message).toMatch(/no oauth_token_secret;/);
  });

  it('invalid_provider_response for JSON that is not an object', async () => {
    customAnswer = { status: 200, type: 'application/json', body: '["oauth_token"]' };
    await audit.rejects(
      flowFor(customProvider()).begin(IDLE, { callbackUrl: CALLBACK }),
      'invalid_provider_response',
    );
  });

  it('provider_timeout when the provider is slower than timeoutMs', async () => {
    mock.setFault('request_token', { latencyMs: 1500, times: 1 });
    const started = Date.now();
    const error = await audit.rejects(
      flowFor(mock.provider, { timeoutMs: 250 }).begin(IDLE, { callbackUrl: CALLBACK }),
      'provider_timeout',
    );
    expect(Date.now() - started).toBeLessThan(1400);
    expect(error.status).toBe(504);
    expect(error.message).toContain('250 ms');
  });

  it('provider_unreachable when the connection drops, or nothing listens', async () => {
    mock.setFault('request_token', { dropConnection: true, times: 1 });
    await audit.rejects(flowFor().begin(IDLE, { callbackUrl: CALLBACK }), 'provider_unreachable');
    const port = await closedPort();
    const provider = { ...mock.provider, requestTokenUrl: `http://127.0.0.1:${port}/oauth/request_token` };
    const error = await audit.rejects(
      flowFor(provider).begin(IDLE, { callbackUrl: CALLBACK }),
      'provider_unreachable',
    );
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('request_token_failed for a 5xx status fault', async () => {
    mock.setFault('request_token', { status: 503, times: 1 });
    const error = await audit.rejects(
      flowFor().begin(IDLE, { callbackUrl: CALLBACK }),
      'request_token_failed',
    );
    expect(error.provider?.status).toBe(503);
  });
});
