// signRequest against two popular signers, oauth-1.0a 2.2.6 and oauth-sign (request's signer):
//  1. on random inputs inside the domain where they are right (plain ASCII names, no duplicates, no
//     `+`, lower-case host, no default port), all three agree;
//  2. each divergence of oauth-1.0a listed in DESIGN.md section 3 is pinned below with the RFC 5849 clause
//     it breaks: oauth-1.0a's output differs, ours is the RFC's.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import OAuth from 'oauth-1.0a';
import * as oauthSign from 'oauth-sign';
import { describe, expect, it } from 'vitest';
import { type SignatureMethod, type SignInput, signRequest } from '../src/index.js';

const NONCE = 'kllo9940pd9333jh';
const TIMESTAMP = 1191242096;
const consumer = { key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44' };
const token = { key: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00' };
const DIGEST = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256' } as const;

function oauth10a(signatureMethod: 'HMAC-SHA1' | 'HMAC-SHA256' = 'HMAC-SHA1') {
  const oauth = new OAuth({
    consumer,
    signature_method: signatureMethod,
    hash_function: (base, key) => createHmac(DIGEST[signatureMethod], key).update(base).digest('base64'),
  });
  oauth.getNonce = () => NONCE;
  oauth.getTimeStamp = () => TIMESTAMP;
  return oauth;
}

function theirs(request: { url: string; method: string; data?: Record<string, string> }) {
  const oauth = oauth10a();
  const authorization = oauth.authorize({ ...request, data: { ...request.data } }, token);
  const { oauth_signature: signature, ...oauthData } = authorization;
  return {
    signature,
    baseString: oauth.getBaseString(
      { ...request, data: { ...request.data } },
      {
        oauth_consumer_key: consumer.key,
        oauth_nonce: NONCE,
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: TIMESTAMP,
        oauth_version: '1.0',
        oauth_token: token.key,
      },
    ),
    oauthData,
  };
}

function ours(input: { url: string; method: string; body?: string }, extra: Partial<SignInput> = {}) {
  return signRequest({
    method: input.method,
    url: input.url,
    consumer,
    token: { token: token.key, secret: token.secret },
    nonce: NONCE,
    timestamp: TIMESTAMP,
    ...(input.body === undefined
      ? {}
      : { body: input.body, contentType: 'application/x-www-form-urlencoded' }),
    ...extra,
  });
}

// ---- 1. agreement inside their domain -------------------------------------------------------------

const plainName = fc
  .stringMatching(/^[A-Za-z0-9_]{1,10}$/)
  .filter((n) => !n.startsWith('oauth_') && !(n in {})); // oauth-1.0a: "constructor" is already "set"
const value = fc.string({ unit: 'grapheme', maxLength: 16 });
const domainCase = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'DELETE'),
    scheme: fc.constantFrom('http', 'https'),
    host: fc.stringMatching(/^[a-z][a-z0-9]{0,8}\.(com|org)$/),
    port: fc.constantFrom('', ':8080', ':3000'),
    path: fc.stringMatching(/^(\/[A-Za-z0-9_.~-]{1,8}){0,3}$/).filter((p) => !/\/\.\.?(\/|$)/.test(p)),
    params: fc.uniqueArray(fc.tuple(plainName, value), { selector: ([n]) => n, maxLength: 8 }),
    inBody: fc.nat(),
    signatureMethod: fc.constantFrom<'HMAC-SHA1' | 'HMAC-SHA256'>('HMAC-SHA1', 'HMAC-SHA256'),
  })
  .map((g) => {
    const split = g.method === 'GET' ? g.params.length : g.inBody % (g.params.length + 1);
    const query = g.params.slice(0, split);
    const body = g.params.slice(split);
    const encode = (pairs: Array<[string, string]>) =>
      pairs.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&');
    return {
      ...g,
      baseUri: `${g.scheme}://${g.host}${g.port}${g.path === '' ? '/' : g.path}`,
      query,
      body,
      url: `${g.scheme}://${g.host}${g.port}${g.path === '' ? '/' : g.path}${query.length ? `?${encode(query)}` : ''}`,
      bodyString: g.method === 'GET' ? undefined : encode(body),
    };
  });

describe('differential: agreement with oauth-1.0a and oauth-sign where they are correct', () => {
  it('same base string and signature on random inputs', () => {
    fc.assert(
      fc.property(domainCase, (c) => {
        const signed = ours(
          { method: c.method, url: c.url, ...(c.bodyString === undefined ? {} : { body: c.bodyString }) },
          { signatureMethod: c.signatureMethod as SignatureMethod },
        );

        const oauth = oauth10a(c.signatureMethod);
        const request = { url: c.url, method: c.method, data: Object.fromEntries(c.body) };
        const authorization = oauth.authorize(request, token);
        expect(authorization.oauth_signature).toBe(signed.signature);

        const params: Record<string, string> = Object.fromEntries([...c.query, ...c.body]);
        for (const [name, v] of Object.entries(signed.oauthParams))
          if (name !== 'oauth_signature') params[name] = v;
        expect(oauthSign.generateBase(c.method, c.baseUri, params)).toBe(signed.baseString);
        const theirSignature = oauthSign.sign(
          c.signatureMethod,
          c.method,
          c.baseUri,
          params,
          consumer.secret,
          token.secret,
        );
        expect(theirSignature).toBe(signed.signature);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- 2. oauth-1.0a's divergences, one test each ---------------------------------------------------

describe('differential: where oauth-1.0a 2.2.6 departs from RFC 5849', () => {
  it('RFC 5849 section 3.4.1.2: scheme and host are lower-cased, the default port dropped (oauth-1.0a keeps them)', () => {
    const url = 'HTTPS://Api.Example.COM:443/Path';
    const them = theirs({ url, method: 'GET' });
    const us = ours({ url, method: 'GET' });
    expect(them.baseString).toContain('HTTPS%3A%2F%2FApi.Example.COM%3A443%2FPath');
    expect(us.baseString).toContain('&https%3A%2F%2Fapi.example.com%2FPath&');
    expect(us.signature).toBe(ours({ url: 'https://api.example.com/Path', method: 'GET' }).signature);
    expect(them.signature).not.toBe(us.signature);
  });

  it('RFC 5849 section 3.4.1.3.1: a value runs to the end of the pair, "=" included (oauth-1.0a cuts it at the second "=")', () => {
    const url = 'https://example.com/r?a=b=c';
    const them = theirs({ url, method: 'GET' });
    const us = ours({ url, method: 'GET' });
    expect(them.baseString).toContain('a%3Db%26');
    expect(us.baseString).toContain('a%3Db%253Dc%26');
    expect(them.signature).not.toBe(us.signature);
  });

  it('RFC 5849 section 3.4.1.3.1 (form-urlencoded decoding): "+" in a query is a space (oauth-1.0a signs a plus)', () => {
    const url = 'https://example.com/r?q=a+b';
    const them = theirs({ url, method: 'GET' });
    const us = ours({ url, method: 'GET' });
    expect(them.baseString).toContain('q%3Da%252Bb');
    expect(us.baseString).toContain('q%3Da%2520b');
    expect(us.signature).toBe(ours({ url: 'https://example.com/r?q=a%20b', method: 'GET' }).signature);
    expect(them.signature).not.toBe(us.signature);
  });

  it('RFC 5849 sections 3.4.1.3.1 and 3.1: names are decoded before encoding, so c%40 is signed as c%2540 once (oauth-1.0a encodes it twice)', () => {
    const url = 'https://example.com/r?c%40=x';
    const them = theirs({ url, method: 'GET' });
    const us = ours({ url, method: 'GET' });
    expect(them.baseString).toContain('c%252540%3Dx');
    expect(us.baseString).toContain('c%2540%3Dx');
    expect(them.signature).not.toBe(us.signature);
  });

  it('RFC 5849 section 3.4.1.3.2: every duplicate counts, empty values too (oauth-1.0a drops an empty first value)', () => {
    const url = 'https://example.com/r?a=&a=b';
    const them = theirs({ url, method: 'GET' });
    const us = ours({ url, method: 'GET' });
    expect(them.baseString).toContain('a%3Db%26oauth');
    expect(them.baseString).not.toContain('a%3D%26');
    expect(us.baseString).toContain('a%3D%26a%3Db%26');
    expect(them.signature).not.toBe(us.signature);
  });

  it('RFC 5849 section 3.4.1.3.1: query and body parameters are both signed (a query key overwrites a body key in oauth-1.0a)', () => {
    const url = 'https://example.com/r?a=query';
    const them = theirs({ url, method: 'POST', data: { a: 'body' } });
    const us = ours({ url, method: 'POST', body: 'a=body' });
    expect(them.baseString).toContain('a%3Dquery%26oauth');
    expect(them.baseString).not.toContain('a%3Dbody');
    expect(us.baseString).toContain('a%3Dbody%26a%3Dquery%26');
    expect(them.signature).not.toBe(us.signature);
  });

  it("RFC 5849 section 3.4.1.3.1 collects the parameters without touching the caller's request (oauth-1.0a writes the query into the caller's data)", () => {
    const data: Record<string, string> = { status: 'hi' };
    oauth10a().authorize({ url: 'https://example.com/r?page=2', method: 'POST', data }, token);
    expect(data).toEqual({ status: 'hi', page: '2' });

    const input: SignInput = Object.freeze({
      method: 'POST',
      url: 'https://example.com/r?page=2',
      consumer: Object.freeze({ ...consumer }),
      token: Object.freeze({ token: token.key, secret: token.secret }),
      body: 'status=hi',
      contentType: 'application/x-www-form-urlencoded',
      oauthParams: Object.freeze({ oauth_callback: 'oob' }),
      nonce: NONCE,
      timestamp: TIMESTAMP,
    });
    const copy = structuredClone(input);
    const signed = signRequest(input);
    expect(input).toEqual(copy);
    expect(signed.oauthParams).not.toHaveProperty('page');
  });
});
