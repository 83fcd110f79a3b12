import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockProvider, startMockProvider } from '../src/index.js';
import { login, readParams, requestToken, signedFetch } from './helpers.js';

let mock: MockProvider;
let clock = Date.now();

beforeAll(async () => {
  mock = await startMockProvider({
    consumers: [
      { key: 'app-key', secret: 'app-secret', name: 'Test App' },
      { key: 'other-key', secret: 'other-secret', name: 'Other App' },
    ],
    now: () => clock,
    requestTokenTtlMs: 60_000,
  });
});
afterAll(() => mock.close());

async function expectProblem(
  response: Response,
  status: number,
  problem: string,
): Promise<Record<string, string>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
  const params = await readParams(response);
  expect(params.oauth_problem).toBe(problem);
  expect(params.oauth_problem_advice).toBeTruthy();
  if (status === 401) expect(response.headers.get('www-authenticate')).toBe(`OAuth realm="${mock.url}"`);
  return params;
}

const leg1 = (extra: Partial<Parameters<typeof signedFetch>[0]> = {}) =>
  signedFetch({
    url: mock.provider.requestTokenUrl,
    consumer: mock.consumer,
    oauthParams: { oauth_callback: 'oob' },
    ...extra,
  });

describe('oauth_problem answers', () => {
  it('consumer_key_unknown', async () => {
    await expectProblem(
      await leg1({ consumer: { key: 'nobody', secret: 'x' } }),
      401,
      'consumer_key_unknown',
    );
    expect(mock.log.at(-1)).toMatchObject({
      endpoint: 'request_token',
      status: 401,
      problem: 'consumer_key_unknown',
    });
  });

  it('signature_invalid', async () => {
    await expectProblem(
      await leg1({ consumer: { key: 'app-key', secret: 'wrong' } }),
      401,
      'signature_invalid',
    );
  });

  it('nonce_used for a replayed nonce and timestamp', async () => {
    const first = await leg1({ nonce: 'replayme', timestamp: Math.floor(clock / 1000) });
    expect(first.status).toBe(200);
    await expectProblem(
      await leg1({ nonce: 'replayme', timestamp: Math.floor(clock / 1000) }),
      401,
      'nonce_used',
    );
    // Another timestamp or another consumer is another nonce.
    expect((await leg1({ nonce: 'replayme', timestamp: Math.floor(clock / 1000) - 1 })).status).toBe(200);
    expect(
      (
        await leg1({
          nonce: 'replayme',
          timestamp: Math.floor(clock / 1000),
          consumer: { key: 'other-key', secret: 'other-secret' },
        })
      ).status,
    ).toBe(200);
  });

  it('prunes nonces once their timestamp is out of the window', async () => {
    await leg1();
    expect(mock.nonceCount).toBeGreaterThan(0);
    const saved = clock;
    clock += 10 * 60_000;
    try {
      expect((await leg1({ timestamp: Math.floor(clock / 1000) })).status).toBe(200); // prunes
      expect(mock.nonceCount).toBe(1);
    } finally {
      clock = saved;
    }
  });

  it('timestamp_refused outside ±5 minutes', async () => {
    const seconds = Math.floor(clock / 1000);
    await expectProblem(await leg1({ timestamp: seconds - 301 }), 401, 'timestamp_refused');
    await expectProblem(await leg1({ timestamp: seconds + 301 }), 401, 'timestamp_refused');
    expect((await leg1({ timestamp: seconds - 299 })).status).toBe(200);
  });

  it('parameter_absent without protocol parameters', async () => {
    await expectProblem(
      await fetch(mock.provider.requestTokenUrl, { method: 'POST' }),
      400,
      'parameter_absent',
    );
  });

  it('parameter_absent without oauth_callback', async () => {
    const response = await signedFetch({ url: mock.provider.requestTokenUrl, consumer: mock.consumer });
    const params = await expectProblem(response, 400, 'parameter_absent');
    expect(params.oauth_problem_advice).toContain('oauth_callback');
  });

  it('parameter_rejected for an oauth_callback that is no URL', async () => {
    await expectProblem(
      await leg1({ oauthParams: { oauth_callback: 'not a url' } }),
      400,
      'parameter_rejected',
    );
  });

  it('parameter_absent without oauth_verifier', async () => {
    const request = await requestToken(mock);
    mock.approve(request.token);
    const response = await signedFetch({
      url: mock.provider.accessTokenUrl,
      consumer: mock.consumer,
      token: request,
    });
    await expectProblem(response, 400, 'parameter_absent');
  });

  it('verifier_invalid for a wrong verifier; the right one still works', async () => {
    const request = await requestToken(mock);
    const verifier = new URL(mock.approve(request.token)).searchParams.get('oauth_verifier')!;
    const call = (value: string) =>
      signedFetch({
        url: mock.provider.accessTokenUrl,
        consumer: mock.consumer,
        token: request,
        oauthParams: { oauth_verifier: value },
      });
    await expectProblem(await call(`${verifier}x`), 401, 'verifier_invalid');
    await expectProblem(await call(verifier.slice(1)), 401, 'verifier_invalid');
    expect((await call(verifier)).status).toBe(200);
  });

  it('verifier_invalid for a token the user has not approved', async () => {
    const request = await requestToken(mock);
    const response = await signedFetch({
      url: mock.provider.accessTokenUrl,
      consumer: mock.consumer,
      token: request,
      oauthParams: { oauth_verifier: 'guess' },
    });
    await expectProblem(response, 401, 'verifier_invalid');
  });

  it('token_used: request tokens are single use', async () => {
    const request = await requestToken(mock);
    const verifier = new URL(mock.approve(request.token)).searchParams.get('oauth_verifier')!;
    const call = () =>
      signedFetch({
        url: mock.provider.accessTokenUrl,
        consumer: mock.consumer,
        token: request,
        oauthParams: { oauth_verifier: verifier },
      });
    expect((await call()).status).toBe(200);
    await expectProblem(await call(), 401, 'token_used');
  });

  it('token_rejected for an unknown token', async () => {
    const response = await signedFetch({
      url: mock.provider.accessTokenUrl,
      consumer: mock.consumer,
      token: { token: 'rt_forged', secret: 'x' },
      oauthParams: { oauth_verifier: 'v' },
    });
    await expectProblem(response, 401, 'token_rejected');
  });

  it('token_rejected for an expired request token', async () => {
    const request = await requestToken(mock);
    const verifier = new URL(mock.approve(request.token)).searchParams.get('oauth_verifier')!;
    clock += 61_000;
    try {
      const response = await signedFetch({
        url: mock.provider.accessTokenUrl,
        consumer: mock.consumer,
        token: request,
        oauthParams: { oauth_verifier: verifier },
        timestamp: Math.floor(clock / 1000),
      });
      await expectProblem(response, 401, 'token_rejected');
    } finally {
      clock -= 61_000;
    }
  });

  it("token_rejected for another consumer's token", async () => {
    const request = await requestToken(mock);
    const verifier = new URL(mock.approve(request.token)).searchParams.get('oauth_verifier')!;
    const response = await signedFetch({
      url: mock.provider.accessTokenUrl,
      consumer: { key: 'other-key', secret: 'other-secret' },
      token: request,
      oauthParams: { oauth_verifier: verifier },
    });
    await expectProblem(response, 401, 'token_rejected');
  });

  it('token_rejected for a request token on a protected resource, and an access token on leg 3', async () => {
    const request = await requestToken(mock);
    const whoami = await signedFetch({
      method: 'GET',
      url: mock.provider.profile!.url,
      consumer: mock.consumer,
      token: request,
    });
    await expectProblem(whoami, 401, 'token_rejected');
    const { token } = await login(mock);
    const again = await signedFetch({
      url: mock.provider.accessTokenUrl,
      consumer: mock.consumer,
      token,
      oauthParams: { oauth_verifier: 'v' },
    });
    await expectProblem(again, 401, 'token_rejected');
  });

  it('parameter_absent for a protected resource without a token', async () => {
    const response = await signedFetch({
      method: 'GET',
      url: mock.provider.profile!.url,
      consumer: mock.consumer,
    });
    await expectProblem(response, 400, 'parameter_absent');
  });

  it('parameter_rejected (400) for a malformed Authorization header', async () => {
    const response = await fetch(mock.provider.requestTokenUrl, {
      method: 'POST',
      headers: { authorization: 'OAuth oauth_consumer_key="abc, oauth_nonce' },
    });
    await expectProblem(response, 400, 'parameter_rejected');
  });

  it('parameter_rejected when protocol parameters come from two places', async () => {
    const response = await signedFetch({
      url: `${mock.provider.requestTokenUrl}?oauth_nonce=x`,
      consumer: mock.consumer,
      oauthParams: { oauth_callback: 'oob' },
    });
    await expectProblem(response, 400, 'parameter_rejected');
  });

  it('405 for GET on a POST token leg', async () => {
    const response = await leg1({ method: 'GET' });
    expect(response.headers.get('allow')).toBe('POST');
    await expectProblem(response, 405, 'parameter_rejected');
  });

  it('413 for a body over the limit', async () => {
    const response = await fetch(mock.provider.requestTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `a=${'x'.repeat(1024 * 1024 + 10)}`,
    });
    expect(response.status).toBe(413);
    await response.text();
  });

  it('404 for an unknown path', async () => {
    const response = await fetch(`${mock.url}/nope`);
    expect(response.status).toBe(404);
    expect(mock.log.at(-1)).toMatchObject({ endpoint: 'not_found', status: 404 });
  });

  /** Writes raw bytes to the provider's socket and resolves with everything it answers. */
  function rawExchange(bytes: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      socket.write(bytes);
    });
  }

  it('400, not a crash, for garbage on the socket', async () => {
    const answer = await rawExchange('GARBAGE \u0001\u0002 nonsense\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await leg1()).status).toBe(200);
  });

  it('400 for an absolute-form request target', async () => {
    const answer = await rawExchange(
      'GET http://evil.test/oauth/authorize HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });
});

describe('required realm and allowed signature methods', () => {
  let strict: MockProvider;
  beforeAll(async () => {
    strict = await startMockProvider({ realm: 'Photos', signatureMethods: ['HMAC-SHA256'] });
  });
  afterAll(() => strict.close());

  it('the provider config names the realm and the method', () => {
    expect(strict.provider.realm).toBe('Photos');
    expect(strict.provider.signatureMethod).toBe('HMAC-SHA256');
  });

  it('signature_method_rejected for a method not allowed', async () => {
    const response = await signedFetch({
      url: strict.provider.requestTokenUrl,
      consumer: strict.consumer,
      realm: 'Photos',
      oauthParams: { oauth_callback: 'oob' },
    });
    expect(response.status).toBe(400);
    expect((await readParams(response)).oauth_problem).toBe('signature_method_rejected');
  });

  it('parameter_rejected (401, with the realm in WWW-Authenticate) without the realm', async () => {
    const response = await signedFetch({
      url: strict.provider.requestTokenUrl,
      consumer: strict.consumer,
      signatureMethod: 'HMAC-SHA256',
      oauthParams: { oauth_callback: 'oob' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('OAuth realm="Photos"');
    expect((await readParams(response)).oauth_problem).toBe('parameter_rejected');
  });

  it('a full login with realm and method', async () => {
    const { token } = await login(strict, { realm: 'Photos', signatureMethod: 'HMAC-SHA256' });
    const whoami = await signedFetch({
      method: 'GET',
      url: strict.provider.profile!.url,
      consumer: strict.consumer,
      token,
      realm: 'Photos',
      signatureMethod: 'HMAC-SHA256',
    });
    expect(await whoami.json()).toMatchObject({ id: '1001' });
  });
});
