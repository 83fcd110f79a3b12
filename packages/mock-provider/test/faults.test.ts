import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockProvider, startMockProvider } from '../src/index.js';
import { login, readParams, requestToken, signedFetch } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ faults: { whoami: { status: 503, times: 1 } } });
});
afterAll(() => mock.close());

const leg1 = () =>
  signedFetch({
    url: mock.provider.requestTokenUrl,
    consumer: mock.consumer,
    oauthParams: { oauth_callback: 'oob' },
  });

describe('faults', () => {
  it('a fault set at start, limited by times', async () => {
    const { token } = await login(mock);
    const whoami = () =>
      signedFetch({ method: 'GET', url: mock.provider.profile!.url, consumer: mock.consumer, token });
    const first = await whoami();
    expect(first.status).toBe(503);
    await first.text();
    expect(mock.log.at(-1)).toMatchObject({ endpoint: 'whoami', status: 503, fault: 'status' });
    expect((await whoami()).status).toBe(200);
  });

  it('latency delays an otherwise normal answer', async () => {
    mock.setFault('request_token', { latencyMs: 200, times: 1 });
    const started = performance.now();
    const response = await leg1();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(response.status).toBe(200);
    expect(mock.log.at(-1)).toMatchObject({ fault: 'latency', status: 200 });
  });

  it('status 500 until cleared, and no access-token request reaches the provider', async () => {
    mock.setFault('request_token', { status: 500 });
    const before = mock.log.length;
    expect((await leg1()).status).toBe(500);
    expect((await leg1()).status).toBe(500);
    mock.setFault('request_token', undefined);
    expect((await leg1()).status).toBe(200);
    expect(mock.log.slice(before).some((entry) => entry.endpoint === 'access_token')).toBe(false);
  });

  it('malformedBody: 200 with a body that is no token response', async () => {
    mock.setFault('request_token', { malformedBody: true, times: 1 });
    const response = await leg1();
    expect(response.status).toBe(200);
    const params = await readParams(response);
    expect(params.oauth_token).toBeUndefined();
    mock.setFault('echo', { malformedBody: true, times: 1 });
    const { token } = await login(mock);
    const echo = await signedFetch({ url: `${mock.url}/api/echo`, consumer: mock.consumer, token });
    await expect(echo.json()).rejects.toThrow();
  });

  it('malformedBody in JSON mode is broken JSON', async () => {
    const json = await startMockProvider({
      tokenResponse: 'json',
      faults: { access_token: { malformedBody: true } },
    });
    try {
      await expect(login(json)).rejects.toThrow(SyntaxError);
    } finally {
      await json.close();
    }
  });

  it('dropConnection destroys the socket without an answer', async () => {
    mock.setFault('access_token', { dropConnection: true, times: 1 });
    await expect(login(mock)).rejects.toThrow(/fetch failed/);
    expect(mock.log.at(-1)).toMatchObject({ endpoint: 'access_token', status: 0, fault: 'drop_connection' });
    await login(mock);
  });

  it('authorize faults', async () => {
    mock.setFault('authorize', { status: 502, times: 1 });
    const request = await requestToken(mock);
    const page = await fetch(`${mock.provider.authorizeUrl}?oauth_token=${request.token}`);
    expect(page.status).toBe(502);
    expect((await fetch(`${mock.provider.authorizeUrl}?oauth_token=${request.token}`)).status).toBe(200);
  });

  it('rejects unknown endpoints and bad faults', () => {
    expect(() => mock.setFault('nope' as 'echo', { status: 500 })).toThrow(/unknown fault endpoint/);
    expect(() => mock.setFault('echo', { status: 42 })).toThrow(/HTTP status/);
    expect(() => mock.setFault('echo', { latencyMs: -1 })).toThrow(/non-negative/);
  });
});
