// Regressions found while testing the flow and the signed client (issue 3); one tiny case per fix.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOAuth1Flow, createSignedFetch, IDLE, verifyRequest } from '../src/index.js';
import { startServer, type TestServer } from './support/harness.js';

const consumer = { key: 'ck', secret: 'consumer/secret+value' };
const token = { token: 'at', secret: 'token~secret(value)' };
let a: TestServer;
let b: TestServer;
const seen: string[] = [];

beforeAll(async () => {
  b = await startServer((req, res) => {
    seen.push(`b ${req.url} ${req.headers.authorization ?? 'unsigned'}`);
    if (req.url === '/back') res.writeHead(302, { location: `${a.url}/landing` });
    res.end();
  });
  a = await startServer(async (req, res, body, base) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname === '/echo-signature') {
      // A provider that explains a bad signature by quoting the Authorization header it got.
      res.writeHead(401, { 'content-type': 'application/x-www-form-urlencoded' });
      res.end(
        `oauth_problem=signature_invalid&oauth_problem_advice=${encodeURIComponent(`got ${req.headers.authorization}`)}`,
      );
      return;
    }
    let verdict = 'unsigned';
    if (req.headers.authorization !== undefined || url.searchParams.has('oauth_signature')) {
      verdict = await verifyRequest({
        method: req.method ?? 'GET',
        url,
        headers: req.headers as Record<string, string>,
        body: body === '' ? undefined : body,
        lookupConsumer: () => ({ secret: consumer.secret }),
        lookupToken: () => ({ secret: token.secret }),
      }).then(
        () => 'verified',
        (error: Error) => error.message,
      );
    }
    seen.push(`a ${url.pathname} ${verdict}`);
    // Redirects that keep the query string, as trailing-slash redirects do.
    if (url.pathname === '/keep-query') res.writeHead(301, { location: `/keep-query/${url.search}` });
    else if (url.pathname === '/keep-query-away')
      res.writeHead(302, { location: `${b.url}/away${url.search}` });
    else if (url.pathname === '/out-and-back') res.writeHead(302, { location: `${b.url}/back` });
    else if (url.pathname === '/stalling-body') {
      // Headers at once, the body never: only the deadline can end this.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
      return;
    }
    res.end(body);
  });
});

afterAll(async () => {
  await a.close();
  await b.close();
});

it('a Request input keeps its body: signing clones it instead of taking over its stream', async () => {
  const request = new Request(`${a.url}/post`, {
    method: 'POST',
    body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await (await createSignedFetch({ consumer, token })(request)).text();
  expect(request.bodyUsed).toBe(false);
  expect(await request.text()).toBe('a=1');
});

it('a redirect that leaves the origin and comes back is not signed on its way back', async () => {
  seen.length = 0;
  await (await createSignedFetch({ consumer, token })(`${a.url}/out-and-back`)).text();
  expect(seen).toEqual(['a /out-and-back verified', 'b /back unsigned', 'a /landing unsigned']);
});

it('query transport: a Location that keeps our query is re-signed without the stale protocol parameters', async () => {
  seen.length = 0;
  await (await createSignedFetch({ consumer, token, transport: 'query' })(`${a.url}/keep-query?x=1`)).text();
  expect(seen).toEqual(['a /keep-query verified', 'a /keep-query/ verified']);
});

it('query transport: protocol parameters echoed in a Location are never carried to another origin', async () => {
  seen.length = 0;
  const signedFetch = createSignedFetch({
    consumer,
    token,
    transport: 'query',
    signatureMethod: 'PLAINTEXT',
  });
  await (await signedFetch(`${a.url}/keep-query-away?x=1`)).text();
  expect(seen).toEqual(['a /keep-query-away verified', 'b /away?x=1 unsigned']);
});

it('a PLAINTEXT signature quoted back by the provider is redacted from the message and the excerpt', async () => {
  const flow = createOAuth1Flow({
    provider: {
      id: 'p',
      name: 'P',
      requestTokenUrl: `${a.url}/echo-signature`,
      authorizeUrl: `${a.url}/authorize`,
      accessTokenUrl: `${a.url}/echo-signature`,
      signatureMethod: 'PLAINTEXT',
    },
    consumer,
  });
  const error = await flow.begin(IDLE, { callbackUrl: 'oob' }).then(
    () => expect.fail('expected request_token_failed'),
    (caught: Error & { provider?: { body: string } }) => caught,
  );
  const shown = `${error.message}\n${error.provider?.body}`;
  expect(shown).toContain('oauth_signature');
  expect(shown).not.toMatch(/consumer(%2F|%252F|%25252F|\/)secret/);
  expect(error.provider?.body).toContain('[redacted]');
});

it('a profile body that stalls past the deadline is a timeout (its cause), not "unreachable"', async () => {
  const flow = createOAuth1Flow({
    provider: {
      id: 'p',
      name: 'P',
      requestTokenUrl: `${a.url}/rt`,
      authorizeUrl: `${a.url}/authorize`,
      accessTokenUrl: `${a.url}/at`,
      profile: { url: `${a.url}/stalling-body`, id: 'id' },
    },
    consumer,
    timeoutMs: 300,
  });
  const error = await flow.fetchProfile({ token: token.token, tokenSecret: token.secret }).then(
    () => expect.fail('expected profile_failed'),
    (caught: Error & { code?: string; cause?: { code?: string } }) => caught,
  );
  expect(error.code).toBe('profile_failed');
  expect(error.cause?.code).toBe('provider_timeout');
});
