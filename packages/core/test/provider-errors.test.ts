// What a failing provider said, as an error: redaction of secrets, the provider's own message lifted,
// the excerpt capped at 500 characters, and token-response parsing. Then each mock-provider fault, per
// endpoint, mapped to its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOAuth1Flow,
  createSignedFetch,
  IDLE,
  liftProviderMessage,
  OAuth1Error,
  parseTokenResponse,
  redactSecrets,
} from '../src/index.js';
import {
  callbackQuery,
  expectNoLeftovers,
  resourceBaseline,
  SecretAudit,
  startServer,
  type TestServer,
} from './support/harness.js';
import { type Fault, type MockProvider, startMockProvider } from './support/mock-provider.js';

const audit = new SecretAudit();
const baseline = resourceBaseline();
// Vitest reports unhandled rejections too; this names them in this file's own terms.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);

describe('redactSecrets', () => {
  it('redacts secret-named fields in urlencoded, header and JSON text', () => {
    expect(redactSecrets('oauth_token=t&oauth_token_secret=abc&x=1')).toBe(
      'oauth_token=t&oauth_token_secret=[redacted]&x=1',
    );
    expect(redactSecrets('oauth_verifier=v1&oauth_session_handle=h&client_secret=s')).toBe(
      'oauth_verifier=[redacted]&oauth_session_handle=[redacted]&client_secret=[redacted]',
    );
    expect(redactSecrets('OAuth oauth_consumer_key="ck", oauth_signature="cs%2526ts"')).toBe(
      'OAuth oauth_consumer_key="ck", oauth_signature="[redacted]"',
    );
    expect(redactSecrets('{"oauth_token":"t","oauth_token_secret":"a\\"b","consumer_secret":"c"}')).toBe(
      '{"oauth_token":"t","oauth_token_secret":"[redacted]","consumer_secret":"[redacted]"}',
    );
  });

  it('redacts known secrets raw and percent-encoded, but not short values', () => {
    const secret = 'p@ss/w+rd&!*';
    const text = `raw ${secret} once ${encodeURIComponent(secret)} twice ${encodeURIComponent(encodeURIComponent(secret))} short abc`;
    const redacted = redactSecrets(text, [secret, 'abc', undefined]);
    expect(redacted).toBe('raw [redacted] once [redacted] twice [redacted] short abc');
  });
});

describe('liftProviderMessage', () => {
  it("lifts X's errors[0].message, error_description, message, error, oauth_problem, detail", () => {
    expect(liftProviderMessage('{"errors":[{"code":32,"message":"Could not authenticate you."}]}')).toBe(
      'Could not authenticate you.',
    );
    expect(liftProviderMessage('{"error":"invalid","error_description":"Bad token"}')).toBe('Bad token');
    expect(liftProviderMessage('{"message":"Nope"}')).toBe('Nope');
    expect(liftProviderMessage('{"error":"unauthorized"}')).toBe('unauthorized');
    expect(liftProviderMessage('{"oauth_problem":"nonce_used"}')).toBe('nonce_used');
    expect(liftProviderMessage('{"detail":"Signature mismatch"}')).toBe('Signature mismatch');
    expect(liftProviderMessage('oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1-2')).toBe(
      'oauth_problem=timestamp_refused',
    );
    expect(liftProviderMessage('oauth_problem=token_rejected&oauth_problem_advice=log%20in%20again')).toBe(
      'oauth_problem=token_rejected: log in again',
    );
    expect(liftProviderMessage('<html>Service Unavailable</html>')).toBeUndefined();
    expect(liftProviderMessage('{not json')).toBeUndefined();
  });
});

describe('the error a provider failure becomes', () => {
  let server: TestServer;
  let answer = { status: 401, type: 'text/plain', body: '' };
  beforeAll(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
    });
  });
  afterAll(() => server.close());

  const flow = () =>
    createOAuth1Flow({
      provider: {
        id: 'p',
        name: 'P',
        requestTokenUrl: `${server.url}/rt`,
        authorizeUrl: `${server.url}/a`,
        accessTokenUrl: `${server.url}/at`,
      },
      consumer: { key: 'ck', secret: 'consumer-secret-xyz' },
    });
  audit.secret('consumer-secret-xyz');

  it('keeps status, statusText, content type and an excerpt of at most 500 characters', async () => {
    answer = { status: 503, type: 'text/html; charset=utf-8', body: `<p>${'x'.repeat(2000)}</p>` };
    const error = await audit.rejects(flow().begin(IDLE, { callbackUrl: 'oob' }), 'request_token_failed');
    expect(error.provider).toMatchObject({
      status: 503,
      statusText: 'Service Unavailable',
      contentType: 'text/html; charset=utf-8',
    });
    expect(error.provider!.body).toHaveLength(501);
    expect(error.provider!.body.endsWith('…')).toBe(true);
    expect(error.message).toContain('answered 503;');
  });

  it('caps the lifted message at 200 characters and names the problem', async () => {
    answer = {
      status: 400,
      type: 'application/x-www-form-urlencoded',
      body: `oauth_problem=parameter_absent&oauth_problem_advice=${'y'.repeat(400)}`,
    };
    const error = await audit.rejects(flow().begin(IDLE, { callbackUrl: 'oob' }), 'request_token_failed');
    expect(error.problem).toBe('parameter_absent');
    const lifted = /"([^"]*)"/.exec(error.message)![1]!;
    expect(lifted.length).toBe(200);
  });

  it('redacts the consumer secret and secret fields in the excerpt', async () => {
    answer = {
      status: 401,
      type: 'text/plain',
      body: 'key consumer-secret-xyz is wrong; oauth_token_secret=zzz',
    };
    const error = await audit.rejects(flow().begin(IDLE, { callbackUrl: 'oob' }), 'request_token_failed');
    expect(error.provider!.body).toBe('key [redacted] is wrong; oauth_token_secret=[redacted]');
  });

  it('OAuth1Error keeps provider non-enumerable and out of JSON', () => {
    const error = new OAuth1Error('profile_failed', 'x', {
      provider: { status: 500, body: 'b' },
      problem: 'p',
    });
    expect(Object.getOwnPropertyDescriptor(error, 'provider')?.enumerable).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'profile_failed',
      message: error.message,
      status: 502,
      problem: 'p',
    });
  });
});

describe('parseTokenResponse', () => {
  it('reads urlencoded answers, keeping the first of duplicate fields', () => {
    expect(parseTokenResponse('oauth_token=a%20b&oauth_token_secret=s&oauth_token=c\n', null)).toEqual({
      oauth_token: 'a b',
      oauth_token_secret: 's',
    });
    expect(parseTokenResponse('oauth_token=a+b', 'text/plain', 'urlencoded')).toEqual({ oauth_token: 'a b' });
  });

  it('reads JSON by content type, by shape, or when told; numbers and booleans become strings', () => {
    expect(
      parseTokenResponse('{"oauth_token":"t","user_id":12,"ok":true,"nested":{"a":1}}', 'application/json'),
    ).toEqual({ oauth_token: 't', user_id: '12', ok: 'true' });
    expect(parseTokenResponse(' {"oauth_token":"t"}', 'text/plain')).toEqual({ oauth_token: 't' });
    expect(parseTokenResponse('{"oauth_token":"t"}', null, 'json')).toEqual({ oauth_token: 't' });
    // Told urlencoded, a JSON-looking body is read as a form.
    expect(parseTokenResponse('{"oauth_token":"t"}', 'application/json', 'urlencoded')).toEqual({
      '{"oauth_token":"t"}': '',
    });
  });

  it('invalid_provider_response for broken JSON and non-objects', () => {
    for (const body of ['{"oauth_token": ', '[1]', 'null', '"x"']) {
      audit.throws(() => parseTokenResponse(body, 'application/json'), 'invalid_provider_response');
    }
  });
});

describe('every mock-provider fault, per endpoint, yields its code', () => {
  let mock: MockProvider;
  beforeAll(async () => {
    mock = await startMockProvider();
    audit.secret(mock.consumer.secret);
  });
  afterAll(() => mock.close());

  const faults: [string, Fault][] = [
    ['status', { status: 500 }],
    ['malformed body', { malformedBody: true }],
    ['dropped connection', { dropConnection: true }],
    ['latency', { latencyMs: 1500 }],
  ];
  const expected: Record<string, Record<string, string>> = {
    request_token: {
      status: 'request_token_failed',
      'malformed body': 'invalid_provider_response',
      'dropped connection': 'provider_unreachable',
      latency: 'provider_timeout',
    },
    access_token: {
      status: 'access_token_failed',
      'malformed body': 'invalid_provider_response',
      'dropped connection': 'provider_unreachable',
      latency: 'provider_timeout',
    },
    whoami: {
      status: 'profile_failed',
      'malformed body': 'profile_failed',
      'dropped connection': 'profile_failed',
      latency: 'profile_failed',
    },
  };

  for (const endpoint of ['request_token', 'access_token', 'whoami'] as const) {
    for (const [name, fault] of faults) {
      it(`${endpoint}: ${name} -> ${expected[endpoint]![name]}`, async () => {
        // Only the faulted call runs on a short deadline, so a busy machine cannot time out the set-up.
        const setup = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer });
        const flow = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer, timeoutMs: 250 });
        let state = IDLE as Parameters<typeof flow.complete>[0];
        let query = new URLSearchParams();
        if (endpoint !== 'request_token') {
          const begun = await setup.begin(IDLE, { callbackUrl: 'http://app.test/cb' });
          audit.secret(begun.pending.requestTokenSecret);
          state = begun.state;
          query = callbackQuery(mock.approve(begun.pending.requestToken));
        }
        mock.setFault(endpoint, { ...fault, times: 1 });
        const attempt =
          endpoint === 'request_token'
            ? flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' })
            : flow.complete(state, query);
        await audit.rejects(attempt, expected[endpoint]![name] as 'provider_timeout');
      });
    }
  }

  it('echo: latency and a dropped connection through the signed client', async () => {
    const flow = createOAuth1Flow({ provider: mock.provider, consumer: mock.consumer });
    const begun = await flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' });
    const done = await flow.complete(begun.state, callbackQuery(mock.approve(begun.pending.requestToken)));
    audit.secret(begun.pending.requestTokenSecret, done.credentials.tokenSecret);
    const signedFetch = createSignedFetch({
      consumer: mock.consumer,
      token: { token: done.credentials.token, secret: done.credentials.tokenSecret },
      timeoutMs: 250,
    });
    mock.setFault('echo', { latencyMs: 1500, times: 1 });
    await audit.rejects(signedFetch(mock.endpoints.echo), 'provider_timeout');
    mock.setFault('echo', { dropConnection: true, times: 1 });
    await audit.rejects(signedFetch(mock.endpoints.echo), 'provider_unreachable');
  });
});

describe('no unhandled rejection, nothing left open, no secret leaked', () => {
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    audit.assertNoLeaks();
    await expectNoLeftovers(baseline);
  });
  it('waits a moment for late rejections', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
