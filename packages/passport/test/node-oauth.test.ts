// Issue 13, item 7: `_oauth` is node-oauth's OAuth surface on core's signer, and the strategy's token legs
// go through it, so the overrides and stubs that passport-oauth1 strategies and their tests use take effect.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OAuth,
  OAuth1Strategy,
  type OAuthDataCallback,
  type OAuthParams,
  type OAuthTokenCallback,
  type ProfileDone,
  type VerifyDone,
} from '../src/index.js';
import { browserLogin, endpointOptions, expressApp } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

const tokenVerify = (
  token: string,
  tokenSecret: string,
  params: Record<string, string>,
  _p: unknown,
  done: VerifyDone,
) => done(null, { token, tokenSecret, params });

function strategy() {
  return new OAuth1Strategy(endpointOptions(mock), tokenVerify);
}

/** Logs in and answers the access token and secret the app's verify got. */
async function accessToken(): Promise<{ token: string; tokenSecret: string }> {
  const { response } = await browserLogin(supertest.agent(expressApp(strategy())), mock);
  return response.body.user;
}

function call<T extends unknown[]>(run: (done: (...args: T) => void) => void): Promise<T> {
  return new Promise((resolve) => run((...args) => resolve(args)));
}

describe('_oauth: node-oauth OAuth fields and methods', () => {
  it("has node-oauth's fields, and keeps the consumer secret out of logs", () => {
    const secret = mock.consumer.secret ?? '';
    const oauth = (strategy() as unknown as { _oauth: OAuth })._oauth;
    expect(oauth).toBeInstanceOf(OAuth);
    expect(oauth._requestUrl).toBe(mock.endpoints.requestToken);
    expect(oauth._accessUrl).toBe(mock.endpoints.accessToken);
    expect(oauth._consumerKey).toBe(mock.consumer.key);
    expect(oauth._signatureMethod).toBe('HMAC-SHA1');
    expect(oauth._clientOptions).toEqual({
      requestTokenHttpMethod: 'POST',
      accessTokenHttpMethod: 'POST',
      followRedirects: true,
    });
    expect(oauth._headers).toMatchObject({ Accept: '*/*' });
    expect(oauth._consumerSecret.length).toBeGreaterThan(0);
    expect(Object.keys(oauth)).not.toContain('_consumerSecret');
    expect(inspect(strategy(), { depth: 5 })).not.toContain(secret);
    expect(JSON.stringify(oauth)).not.toContain(secret);
  });

  it('get, post (form object and raw body), put, delete and getProtectedResource are signed', async () => {
    const { token, tokenSecret } = await accessToken();
    const oauth = (strategy() as unknown as { _oauth: OAuth })._oauth;
    const echo = `${mock.url}/api/echo?q=a%20b`;
    const [getError, getBody, getResponse] = await call<Parameters<OAuthDataCallback>>((done) =>
      oauth.get(echo, token, tokenSecret, done),
    );
    expect(getError).toBeNull();
    expect(getResponse?.statusCode).toBe(200);
    expect(JSON.parse(getBody ?? '')).toMatchObject({ method: 'GET', query: [['q', 'a b']], userId: '1001' });

    const [postError, postBody] = await call<Parameters<OAuthDataCallback>>((done) =>
      oauth.post(echo, token, tokenSecret, { status: 'hello world!' }, null, done),
    );
    expect(postError).toBeNull();
    expect(JSON.parse(postBody ?? '')).toMatchObject({ method: 'POST', form: [['status', 'hello world!']] });

    const [rawError, rawBody] = await call<Parameters<OAuthDataCallback>>((done) =>
      oauth.post(echo, token, tokenSecret, '{"a":1}', 'application/json', done),
    );
    expect(rawError).toBeNull();
    expect(JSON.parse(rawBody ?? '')).toMatchObject({ body: '{"a":1}', contentType: 'application/json' });

    for (const [method, run] of [
      ['PUT', (done: OAuthDataCallback) => oauth.put(echo, token, tokenSecret, { a: 'b' }, done)],
      ['DELETE', (done: OAuthDataCallback) => oauth.delete(echo, token, tokenSecret, done)],
      [
        'PATCH',
        (done: OAuthDataCallback) => oauth.getProtectedResource(echo, 'PATCH', token, tokenSecret, done),
      ],
    ] as const) {
      const [error, body] = await call<Parameters<OAuthDataCallback>>(run);
      expect(error).toBeNull();
      expect(JSON.parse(body ?? '').method).toBe(method);
    }
  });

  it('answers a non-2xx as node-oauth does: { statusCode, data }', async () => {
    const { token, tokenSecret } = await accessToken();
    const oauth = (strategy() as unknown as { _oauth: OAuth })._oauth;
    const [error, data, response] = await call<Parameters<OAuthDataCallback>>((done) =>
      oauth.get(`${mock.url}/api/echo`, token, 'not-the-secret', done),
    );
    expect(error).toMatchObject({ statusCode: 401 });
    expect((error as { data: string }).data).toBe(data);
    expect(response?.statusCode).toBe(401);
    expect(tokenSecret).not.toBe('not-the-secret');
  });

  it('every call has a deadline that covers the body: a dripping provider ends in provider_timeout', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const slow = new OAuth1Strategy({ ...endpointOptions(mock), timeoutMs: 300 }, tokenVerify);
      const started = Date.now();
      const [error] = await call<Parameters<OAuthDataCallback>>((done) =>
        (slow as unknown as { _oauth: OAuth })._oauth.get(`http://127.0.0.1:${port}/`, 't', 's', done),
      );
      expect(error).toMatchObject({ name: 'OAuth1Error', code: 'provider_timeout' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('calls a callback that throws exactly once (the throw surfaces as an uncaught exception)', () => {
    const dist = fileURLToPath(new URL('../dist/index.cjs', import.meta.url));
    const script = `
      const http = require('node:http');
      const { OAuth } = require(${JSON.stringify(dist)});
      let calls = 0; let caught;
      process.on('uncaughtException', (error) => { caught = error.message; });
      const server = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', () => {
        const url = 'http://127.0.0.1:' + server.address().port + '/';
        const oauth = new OAuth({ provider: { id: 'p', name: 'p', requestTokenUrl: url, authorizeUrl: url, accessTokenUrl: url },
          consumer: { key: 'k', secret: 's' } });
        oauth.get(url, 't', 'ts', () => { calls++; throw new Error('boom'); });
        setTimeout(() => { server.close(); console.log(JSON.stringify({ calls, caught })); }, 300);
      });`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
    expect(JSON.parse(result.stdout)).toEqual({ calls: 1, caught: 'boom' });
  });
});

describe("the strategy's token legs go through _oauth", () => {
  it('an overridden _performSecureRequest sees both legs and the profile request', async () => {
    const seen: string[] = [];
    class Recording extends OAuth {
      override _performSecureRequest(
        token: string | null | undefined,
        secret: string | null | undefined,
        method: string,
        url: string,
        params: OAuthParams | null | undefined,
        body: string | Buffer | null | undefined,
        type: string | null | undefined,
        callback?: OAuthDataCallback,
      ): void {
        seen.push(`${method} ${new URL(url).pathname}`);
        super._performSecureRequest(token, secret, method, url, params, body, type, callback);
      }
    }
    class Subclass extends OAuth1Strategy {
      constructor() {
        super(endpointOptions(mock), tokenVerify);
        const old = this._oauth;
        this._oauth = Object.assign(Object.create(Recording.prototype), old);
        Object.defineProperties(this._oauth, Object.getOwnPropertyDescriptors(old));
      }
      override userProfile(token: string, secret: string, _p: unknown, done: ProfileDone) {
        this._oauth.get(`${mock.url}/api/whoami`, token, secret, (error, body) =>
          error ? done(error) : done(null, JSON.parse(body ?? '{}')),
        );
      }
    }
    const { response } = await browserLogin(supertest.agent(expressApp(new Subclass())), mock);
    expect(response.status).toBe(200);
    expect(seen).toEqual(['POST /oauth/request_token', 'POST /oauth/access_token', 'GET /api/whoami']);
  });

  it('a stubbed getOAuthAccessToken takes effect (as passport-oauth1 tests stub it)', async () => {
    const stubbed = strategy();
    const oauth = (stubbed as unknown as { _oauth: OAuth })._oauth;
    oauth.getOAuthAccessToken = (_t: string, _s: string, verifier: unknown, done?: unknown) =>
      (done as OAuthTokenCallback)(null, 'stub-token', 'stub-secret', {
        user_id: String(verifier).length > 0 ? '9' : '',
      });
    const before = mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    const { response } = await browserLogin(supertest.agent(expressApp(stubbed)), mock);
    expect(response.body.user).toEqual({
      token: 'stub-token',
      tokenSecret: 'stub-secret',
      params: { user_id: '9' },
    });
    expect(mock.log.filter((entry) => entry.endpoint === 'access_token').length).toBe(before);
  });

  it('a stubbed getOAuthRequestToken failing gives InternalOAuthError with parseErrorResponse first', async () => {
    const plain = strategy();
    (plain as unknown as { _oauth: OAuth })._oauth.getOAuthRequestToken = (_p: unknown, done?: unknown) =>
      (done as (error: unknown) => void)({ statusCode: 503, data: 'down for maintenance' });
    const response = await supertest(expressApp(plain)).get('/auth/provider');
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({
      name: 'InternalOAuthError',
      message: 'Failed to obtain request token',
    });

    class Parsing extends OAuth1Strategy {
      override parseErrorResponse(body: string, status: number): Error {
        return new Error(`${status}: ${body}`);
      }
    }
    const parsing = new Parsing(endpointOptions(mock), tokenVerify);
    (parsing as unknown as { _oauth: OAuth })._oauth.getOAuthRequestToken = (_p: unknown, done?: unknown) =>
      (done as (error: unknown) => void)({ statusCode: 503, data: 'down for maintenance' });
    const parsed = await supertest(expressApp(parsing)).get('/auth/provider');
    expect(parsed.body).toMatchObject({ name: 'Error', message: '503: down for maintenance' });
  });
});
