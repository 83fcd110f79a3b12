// createSignedFetch end to end against a real mock provider (and small local servers for two-legged
// calls and redirects): six signature methods x three transports, body hashes, redirects, copies of the
// caller's input, timeouts.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type AccessCredentials,
  createOAuth1Flow,
  createSignedFetch,
  DEFAULT_TIMEOUT_MS,
  IDLE,
  SIGNATURE_METHODS,
  type SignatureMethod,
  type TokenCredentials,
  type Transport,
  verifyRequest,
} from '../src/index.js';
import {
  callbackQuery,
  expectNoLeftovers,
  resourceBaseline,
  SecretAudit,
  startServer,
  type TestServer,
} from './support/harness.js';
import { type MockProvider, startMockProvider } from './support/mock-provider.js';

const audit = new SecretAudit();
const baseline = resourceBaseline();
const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const HMAC = { key: 'ck-hmac', secret: 'hmac-consumer-secret+/&=' };
const RSA = { key: 'ck-rsa', privateKey: keys.privateKey };
audit.secret(HMAC.secret, encodeURIComponent(HMAC.secret), RSA.privateKey);

let mock: MockProvider;
let hmacToken: TokenCredentials;
let rsaToken: TokenCredentials;
let hmacCredentials: AccessCredentials;

/** Pairs with every character class that trips signers: unicode, duplicates, +, ~, *, an empty value. */
const PAIRS: [string, string][] = [
  ['q', 'café'],
  ['q', '✓ ok'],
  ['plus', 'a+b'],
  ['tilde', '~x~'],
  ['star', '*'],
  ['reserved', "!'()&=/?#"],
  ['empty', ''],
  ['ü', 'ß'],
];
const QUERY = new URLSearchParams(PAIRS).toString();

interface Echo {
  method: string;
  query: [string, string][];
  form: [string, string][];
  oauth: Record<string, string>;
  transport: Transport;
  signatureMethod: SignatureMethod;
  consumerKey: string;
  userId: string;
  body?: string;
  contentType?: string;
}

async function login(consumer: typeof HMAC | typeof RSA, signatureMethod: SignatureMethod) {
  const flow = createOAuth1Flow({ provider: { ...mock.provider, signatureMethod }, consumer });
  const begun = await flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' });
  audit.secret(begun.pending.requestTokenSecret);
  const done = await flow.complete(begun.state, callbackQuery(mock.approve(begun.pending.requestToken)));
  audit.secret(done.credentials.tokenSecret);
  return done.credentials;
}

beforeAll(async () => {
  mock = await startMockProvider({ consumers: [HMAC, RSA] });
  hmacCredentials = await login(HMAC, 'HMAC-SHA1');
  hmacToken = { token: hmacCredentials.token, secret: hmacCredentials.tokenSecret };
  const rsa = await login(RSA, 'RSA-SHA1');
  rsaToken = { token: rsa.token, secret: rsa.tokenSecret };
});

afterAll(async () => {
  await mock.close();
  audit.assertNoLeaks();
  await expectNoLeftovers(baseline);
});

function signedFetchFor(signatureMethod: SignatureMethod, transport: Transport) {
  const rsa = signatureMethod.startsWith('RSA-');
  return createSignedFetch({
    consumer: rsa ? RSA : HMAC,
    token: rsa ? rsaToken : hmacToken,
    signatureMethod,
    transport,
  });
}

async function json<T = Echo>(response: Response): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as T;
}

describe('six signature methods x three transports, through /api/echo', () => {
  for (const signatureMethod of SIGNATURE_METHODS) {
    for (const transport of ['header', 'query', 'body'] as const) {
      it(`${signatureMethod} over ${transport}`, async () => {
        const signedFetch = signedFetchFor(signatureMethod, transport);
        if (transport !== 'body') {
          const get = await json(await signedFetch(`${mock.endpoints.echo}?${QUERY}`));
          expect(get).toMatchObject({ method: 'GET', transport, signatureMethod, userId: '1001' });
          expect(get.query).toEqual(PAIRS);
        }
        const post = await json(
          await signedFetch(`${mock.endpoints.echo}?${QUERY}`, {
            method: 'POST',
            body: new URLSearchParams(PAIRS),
          }),
        );
        expect(post).toMatchObject({ method: 'POST', transport, signatureMethod });
        expect(post.query).toEqual(PAIRS);
        expect(post.form).toEqual(PAIRS);
        expect(post.oauth.oauth_consumer_key).toBe(signatureMethod.startsWith('RSA-') ? RSA.key : HMAC.key);
      });
    }
  }

  it('a form body given as a string with its content type, PUT and DELETE', async () => {
    const signedFetch = signedFetchFor('HMAC-SHA256', 'header');
    const body = 'b=2&a=1&a=%2B';
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const echoed = await json(
        await signedFetch(mock.endpoints.echo, {
          method,
          body,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        }),
      );
      expect(echoed.method).toBe(method);
      expect(echoed.form).toEqual([
        ['b', '2'],
        ['a', '1'],
        ['a', '+'],
      ]);
    }
  });

  it('upper-cases the standard methods as fetch does, with or without a body', async () => {
    const signedFetch = signedFetchFor('HMAC-SHA1', 'header');
    expect((await json(await signedFetch(mock.endpoints.echo, { method: 'post' }))).method).toBe('POST');
    expect(
      (await json(await signedFetch(mock.endpoints.echo, { method: 'delete', body: 'a=1' }))).method,
    ).toBe('DELETE');
  });

  it('the body transport refuses a body that is not a form (invalid_config), and GET', async () => {
    const signedFetch = signedFetchFor('HMAC-SHA1', 'body');
    await audit.rejects(
      signedFetch(mock.endpoints.echo, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      'invalid_config',
    );
    await audit.rejects(signedFetch(mock.endpoints.echo), 'invalid_config');
    // A POST without a body gets a form body of its own.
    const echoed = await json(await signedFetch(mock.endpoints.echo, { method: 'POST' }));
    expect(echoed.transport).toBe('body');
  });

  it('through the flow: signedFetch(credentials, overrides)', async () => {
    const flow = createOAuth1Flow({ provider: mock.provider, consumer: HMAC });
    const echoed = await json(
      await flow.signedFetch(hmacCredentials, { transport: 'query' })(`${mock.endpoints.echo}?a=1`),
    );
    expect(echoed).toMatchObject({ transport: 'query', query: [['a', '1']], userId: '1001' });
  });
});

describe('oauth_body_hash', () => {
  for (const [signatureMethod, algorithm] of [
    ['HMAC-SHA1', 'sha1'],
    ['HMAC-SHA256', 'sha256'],
  ] as const) {
    it(`is added to a JSON body with ${signatureMethod} and verified by the provider`, async () => {
      const signedFetch = createSignedFetch({
        consumer: HMAC,
        token: hmacToken,
        signatureMethod,
        includeBodyHash: true,
      });
      const body = JSON.stringify({ name: 'Ada ✓', list: [1, 2] });
      const echoed = await json(
        await signedFetch(mock.endpoints.echo, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect(echoed.oauth.oauth_body_hash).toBe(createHash(algorithm).update(body).digest('base64'));
      expect(echoed).toMatchObject({ body, contentType: 'application/json', form: [] });
    });
  }

  it('is not sent without includeBodyHash, nor for a form body', async () => {
    const plain = createSignedFetch({ consumer: HMAC, token: hmacToken });
    const echoed = await json(
      await plain(mock.endpoints.echo, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(echoed.oauth.oauth_body_hash).toBeUndefined();
    const hashing = createSignedFetch({ consumer: HMAC, token: hmacToken, includeBodyHash: true });
    const form = await json(
      await hashing(mock.endpoints.echo, { method: 'POST', body: new URLSearchParams({ a: '1' }) }),
    );
    expect(form.oauth.oauth_body_hash).toBeUndefined();
  });

  it('a tampered body fails the provider check', async () => {
    const signedFetch = createSignedFetch({
      consumer: HMAC,
      token: hmacToken,
      includeBodyHash: true,
      // A proxy that rewrites the body after signing.
      fetch: async (request) => {
        const headers = new Headers(request.headers);
        return fetch(
          new Request(request.url, {
            method: request.method,
            headers,
            body: '{"x":2}',
            signal: request.signal,
          }),
        );
      },
    });
    const response = await signedFetch(mock.endpoints.echo, {
      method: 'POST',
      body: '{"x":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('oauth_problem=signature_invalid');
  });
});

describe('two-legged (no token)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(async (req, res, body, base) => {
      try {
        const verified = await verifyRequest({
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', base),
          headers: req.headers as Record<string, string>,
          body: body === '' ? undefined : body,
          lookupConsumer: (key) =>
            key === HMAC.key
              ? { secret: HMAC.secret }
              : key === RSA.key
                ? { publicKey: keys.publicKey }
                : undefined,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(verified));
      } catch (error) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end((error as Error).message);
      }
    });
  });
  afterAll(() => server.close());

  for (const signatureMethod of SIGNATURE_METHODS) {
    it(`signs with the consumer only (${signatureMethod})`, async () => {
      const rsa = signatureMethod.startsWith('RSA-');
      const signedFetch = createSignedFetch({
        consumer: rsa ? RSA : HMAC,
        signatureMethod,
        transport: 'query',
      });
      const verified = await json<{ consumerKey: string; token?: string; parameters: unknown[] }>(
        await signedFetch(`${server.url}/2lo?${QUERY}`),
      );
      expect(verified.consumerKey).toBe(rsa ? RSA.key : HMAC.key);
      expect(verified.token).toBeUndefined();
      expect(verified.parameters).toEqual(PAIRS);
    });
  }

  it('two-legged through the flow: signedFetch() without credentials', async () => {
    const flow = createOAuth1Flow({ provider: mock.provider, consumer: HMAC });
    const verified = await json<{ consumerKey: string; token?: string }>(
      await flow.signedFetch()(`${server.url}/2lo`),
    );
    expect(verified).toMatchObject({ consumerKey: HMAC.key });
    expect(verified.token).toBeUndefined();
  });
});

describe('redirects', () => {
  let a: TestServer;
  let b: TestServer;
  const verdicts: string[] = [];
  beforeAll(async () => {
    b = await startServer((req, res) => {
      if (req.url?.startsWith('/back')) {
        res.writeHead(302, { location: `${a.url}/landing?via=b` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url }));
    });
    a = await startServer(async (req, res, body, base) => {
      const url = new URL(req.url ?? '/', base);
      const signed =
        req.headers.authorization !== undefined ||
        url.searchParams.has('oauth_signature') ||
        body.includes('oauth_signature=');
      if (signed) {
        try {
          await verifyRequest({
            method: req.method ?? 'GET',
            url,
            headers: req.headers as Record<string, string>,
            body: body === '' ? undefined : body,
            lookupConsumer: () => ({ secret: HMAC.secret }),
            lookupToken: () => ({ secret: hmacToken.secret }),
          });
          verdicts.push(`${req.method} ${url.pathname} verified`);
        } catch (error) {
          verdicts.push(`${req.method} ${url.pathname} ${(error as Error).message}`);
        }
      } else {
        verdicts.push(`${req.method} ${url.pathname} unsigned`);
      }
      const hops = /^\/hop\/(\d+)$/.exec(url.pathname);
      if (hops && Number(hops[1]) > 0) {
        res.writeHead(Number(url.searchParams.get('status') ?? 302), {
          location: `/hop/${Number(hops[1]) - 1}${url.search}`,
        });
        res.end();
      } else if (url.pathname === '/out') {
        res.writeHead(307, { location: `${b.url}/landing?x=1` });
        res.end();
      } else if (url.pathname === '/out-and-back') {
        res.writeHead(302, { location: `${b.url}/back` });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, path: url.pathname, body }));
      }
    });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const client = (transport: Transport = 'header') =>
    createSignedFetch({ consumer: HMAC, token: hmacToken, transport });

  it('same-origin hops are each re-signed (5 hops, every transport)', async () => {
    for (const transport of ['header', 'query'] as const) {
      verdicts.length = 0;
      const echoed = await json<{ path: string }>(await client(transport)(`${a.url}/hop/5?k=v`));
      expect(echoed.path).toBe('/hop/0');
      expect(verdicts).toEqual([5, 4, 3, 2, 1, 0].map((n) => `GET /hop/${n} verified`));
    }
  });

  it('307 keeps the method and the form body (re-signed); 303 turns into a signed GET', async () => {
    verdicts.length = 0;
    const kept = await json<{ method: string; body: string }>(
      await client('body')(`${a.url}/hop/1?status=307`, {
        method: 'POST',
        body: new URLSearchParams({ a: '1' }),
      }),
    );
    expect(kept.method).toBe('POST');
    expect(kept.body).toMatch(/^a=1&oauth_consumer_key=/);
    verdicts.length = 0;
    const seeOther = await json<{ method: string; body: string }>(
      await client()(`${a.url}/hop/1?status=303`, { method: 'POST', body: new URLSearchParams({ a: '1' }) }),
    );
    expect(seeOther).toEqual({ method: 'GET', path: '/hop/0', body: '' });
    expect(verdicts).toEqual(['POST /hop/1 verified', 'GET /hop/0 verified']);
  });

  it('more than 5 hops: too_many_redirects; maxRedirects lowers it', async () => {
    await audit.rejects(client()(`${a.url}/hop/6`), 'too_many_redirects');
    const strict = createSignedFetch({ consumer: HMAC, token: hmacToken, maxRedirects: 1 });
    await audit.rejects(strict(`${a.url}/hop/2`), 'too_many_redirects');
  });

  it('a hop to another origin is not signed, and carries no cookie', async () => {
    for (const transport of ['header', 'query', 'body'] as const) {
      b.requests.length = 0;
      const init =
        transport === 'body'
          ? { method: 'POST', body: new URLSearchParams({ a: '1' }) }
          : { headers: { cookie: 'sid=1' } };
      const landed = await json<{ url: string }>(await client(transport)(`${a.url}/out`, init));
      expect(landed.url).toBe('/landing?x=1');
      const seen = b.requests[0]!;
      expect(seen.headers.authorization).toBeUndefined();
      expect(seen.headers.cookie).toBeUndefined();
      expect(seen.url).not.toContain('oauth_');
      expect(seen.body).not.toContain('oauth_');
    }
  });

  it('a hop that comes back from another origin is not signed either', async () => {
    verdicts.length = 0;
    const landed = await json<{ path: string }>(await client()(`${a.url}/out-and-back`));
    expect(landed.path).toBe('/landing');
    expect(verdicts).toEqual(['GET /out-and-back verified', 'GET /landing unsigned']);
  });

  it('redirect: "manual" hands the 3xx back', async () => {
    const response = await client()(`${a.url}/hop/2`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/hop/1');
    await response.body?.cancel();
  });
});

describe("the caller's input is never mutated", () => {
  it('frozen init and headers objects, a URL object', async () => {
    const signedFetch = createSignedFetch({ consumer: HMAC, token: hmacToken, transport: 'body' });
    const headers = Object.freeze({ 'content-type': 'application/x-www-form-urlencoded', 'x-trace': '1' });
    const init = Object.freeze({ method: 'POST', headers, body: 'a=1' });
    const url = new URL(`${mock.endpoints.echo}?q=1`);
    const echoed = await json(await signedFetch(url, init));
    expect(echoed.form).toEqual([['a', '1']]);
    expect(init).toEqual({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-trace': '1' },
      body: 'a=1',
    });
    expect(url.href).toBe(`${mock.endpoints.echo}?q=1`);
  });

  it('a Headers object and a URLSearchParams body stay as they were', async () => {
    const signedFetch = createSignedFetch({ consumer: HMAC, token: hmacToken, transport: 'query' });
    const headers = new Headers({ accept: 'application/json' });
    const body = new URLSearchParams({ a: '1' });
    await json(await signedFetch(mock.endpoints.echo, { method: 'POST', headers, body }));
    expect([...headers]).toEqual([['accept', 'application/json']]);
    expect(body.toString()).toBe('a=1');
  });

  it('a Request input keeps its body, its headers and its URL', async () => {
    const signedFetch = createSignedFetch({ consumer: HMAC, token: hmacToken });
    const request = new Request(`${mock.endpoints.echo}?q=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    const echoed = await json(await signedFetch(request));
    expect(echoed.form).toEqual([['a', '1']]);
    expect(request.bodyUsed).toBe(false);
    expect(request.headers.get('authorization')).toBeNull();
    expect(request.url).toBe(`${mock.endpoints.echo}?q=1`);
    // The caller can still send it (or sign it again).
    expect((await json(await signedFetch(request))).form).toEqual([['a', '1']]);
    expect(await request.text()).toBe('a=1');
  });
});

describe('timeouts and failures', () => {
  it('applies the default timeout of 10 s to every call', async () => {
    // Each call arms a deadline timer (see Deadline in src/client/send.ts).
    const spy = vi.spyOn(globalThis, 'setTimeout');
    try {
      await json(await createSignedFetch({ consumer: HMAC, token: hmacToken })(mock.endpoints.echo));
      expect(spy).toHaveBeenCalledWith(expect.any(Function), DEFAULT_TIMEOUT_MS);
      expect(DEFAULT_TIMEOUT_MS).toBe(10_000);
      spy.mockClear();
      await json(
        await createSignedFetch({ consumer: HMAC, token: hmacToken, timeoutMs: 1234 })(mock.endpoints.echo),
      );
      expect(spy).toHaveBeenCalledWith(expect.any(Function), 1234);
    } finally {
      spy.mockRestore();
    }
  });

  it('each fault on the API endpoint yields its code (a status is an answer, not an error)', async () => {
    const signedFetch = createSignedFetch({ consumer: HMAC, token: hmacToken, timeoutMs: 250 });
    mock.setFault('echo', { latencyMs: 1500, times: 1 });
    await audit.rejects(signedFetch(mock.endpoints.echo), 'provider_timeout');
    mock.setFault('echo', { dropConnection: true, times: 1 });
    await audit.rejects(signedFetch(mock.endpoints.echo), 'provider_unreachable');
    mock.setFault('echo', { status: 503, times: 1 });
    const answered = await signedFetch(mock.endpoints.echo);
    expect(answered.status).toBe(503);
    await answered.text();
  });

  it("the caller's own abort is passed through unchanged", async () => {
    const signedFetch = createSignedFetch({ consumer: HMAC, token: hmacToken });
    mock.setFault('echo', { latencyMs: 1500, times: 1 });
    const controller = new AbortController();
    const pending = signedFetch(mock.endpoints.echo, { signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
  });

  it('invalid_config for a bad transport or timeout', () => {
    audit.throws(
      () => createSignedFetch({ consumer: HMAC, transport: 'cookie' as Transport }),
      'invalid_config',
    );
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      audit.throws(() => createSignedFetch({ consumer: HMAC, timeoutMs }), 'invalid_config');
    }
  });
});
