// Properties of the signer that hold for every input (fast-check).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAuthorizationHeader,
  OAuth1Error,
  parseAuthorizationHeader,
  percentEncode,
  type SignatureMethod,
  type SignInput,
  signRequest,
  verifyRequest,
} from '../src/index.js';
import { parseFormEncoded } from '../src/signature/parameters.js';
import { fixturesDir } from './helpers/paths.js';
import { signedWireRequest, type Transport, type WireRequest } from './helpers/requests.js';

const privateKey = readFileSync(path.join(fixturesDir, 'rsa-private.pem'), 'utf8');
const publicKey = readFileSync(path.join(fixturesDir, 'rsa-public.pem'), 'utf8');

const wellFormed = fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !/\p{Cs}/u.test(s)); // no lone surrogates
const text = fc.oneof(
  wellFormed,
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);

describe('percentEncode (RFC 5849 section 3.6)', () => {
  it('emits only unreserved characters and upper-case %XX, and decodes back', () => {
    fc.assert(
      fc.property(wellFormed, (value) => {
        const encoded = percentEncode(value);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a lone surrogate with an OAuth1Error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0xd800, max: 0xdfff }), text, (unit, rest) => {
        expect(() => percentEncode(rest + String.fromCharCode(unit))).toThrow(OAuth1Error);
      }),
    );
  });
});

const pairs = fc.array(fc.tuple(text, text), { maxLength: 8 });
const encodePairs = (list: ReadonlyArray<readonly [string, string]>) =>
  list.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');

describe('parameter order (RFC 5849 section 3.4.1.3.2)', () => {
  it('never changes the signature, wherever the parameters sit', () => {
    fc.assert(
      fc.property(
        pairs.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
            fc.nat({ max: list.length }),
          ),
        ),
        ([original, shuffled, split]) => {
          const sign = (query: string, body: string) =>
            signRequest({
              method: 'POST',
              url: `https://example.com/r${query === '' ? '' : `?${query}`}`,
              body,
              contentType: 'application/x-www-form-urlencoded',
              consumer: { key: 'k', secret: 's' },
              token: { token: 't', secret: 'ts' },
              nonce: 'n',
              timestamp: 1,
            }).signature;
          expect(sign(encodePairs(shuffled.slice(0, split)), encodePairs(shuffled.slice(split)))).toBe(
            sign(encodePairs(original), ''),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Authorization header (RFC 5849 section 3.5.1)', () => {
  it('formatAuthorizationHeader -> parseAuthorizationHeader round-trips, realm with quotes and backslashes', () => {
    const name = text.filter((n) => n !== '' && n.toLowerCase() !== 'realm');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, text), { selector: ([n]) => n, maxLength: 8 }),
        fc.option(fc.oneof(text, fc.constantFrom('"', '\\', 'a "b" \\c\\', '\\"', ', x="y"')), {
          nil: undefined,
        }),
        (entries, realm) => {
          const params = Object.fromEntries(entries);
          const parsed = parseAuthorizationHeader(formatAuthorizationHeader(params, realm));
          expect({ ...parsed.params }).toEqual(params);
          expect(parsed.realm).toBe(realm);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---- sign -> verify -------------------------------------------------------------------------------

const SECRET = 'consumer secret &%';
const TOKEN_SECRET = 'token secret ü';
const TIMESTAMP = 1_700_000_000;

function verify(request: WireRequest) {
  return verifyRequest({
    ...request,
    lookupConsumer: (key) => (key === 'ck' ? { secret: SECRET, publicKey } : undefined),
    lookupToken: (token) => (token === 'tk' ? { secret: TOKEN_SECRET } : undefined),
    now: () => TIMESTAMP * 1000,
  });
}

const signInput = (signatureMethods: readonly SignatureMethod[]) =>
  fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      host: fc.constantFrom('example.com', 'API.Example.net:8443', 'localhost:3000'),
      path: fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/), { maxLength: 3 }),
      query: pairs,
      body: fc.option(pairs, { nil: undefined }),
      signatureMethod: fc.constantFrom(...signatureMethods),
      withToken: fc.boolean(),
      nonce: fc.stringMatching(/^[A-Za-z0-9]{8,32}$/),
      includeVersion: fc.boolean(),
      callback: fc.option(text, { nil: undefined }),
    })
    .filter(({ path }) => path.every((s) => s !== '.' && s !== '..'))
    .map((g): SignInput => {
      const query = encodePairs(g.query);
      const input: SignInput = {
        method: g.method,
        url: `https://${g.host}/${g.path.join('/')}${query === '' ? '' : `?${query}`}`,
        consumer: { key: 'ck', secret: SECRET, privateKey },
        signatureMethod: g.signatureMethod,
        nonce: g.nonce,
        timestamp: TIMESTAMP,
        includeVersion: g.includeVersion,
      };
      if (g.withToken) input.token = { token: 'tk', secret: TOKEN_SECRET };
      if (g.body !== undefined) {
        input.body = encodePairs(g.body);
        input.contentType = 'application/x-www-form-urlencoded';
      }
      if (g.callback !== undefined) input.oauthParams = { oauth_callback: g.callback };
      return input;
    });

const transport = fc.constantFrom<Transport>('header', 'query', 'body');
const ALL: SignatureMethod[] = [
  'HMAC-SHA1',
  'HMAC-SHA256',
  'HMAC-SHA512',
  'RSA-SHA1',
  'RSA-SHA256',
  'PLAINTEXT',
];
// PLAINTEXT signs nothing but the secrets, so only the other methods can notice a changed request.
const SIGNING: SignatureMethod[] = ALL.filter((m) => m !== 'PLAINTEXT');

async function problemOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OAuth1Error);
    return (error as OAuth1Error).problem;
  }
}

describe('verifyRequest accepts what signRequest produces (RFC 5849 section 3.2)', () => {
  it('in the header, the query and the form body', async () => {
    await fc.assert(
      fc.asyncProperty(signInput(ALL), transport, async (input, where) => {
        const request = signedWireRequest(input, where);
        const verified = await verify(request);
        expect(verified.transport).toBe(where);
        expect(verified.consumerKey).toBe('ck');
        expect(verified.signatureMethod).toBe(input.signatureMethod);
      }),
      { numRuns: 150 },
    );
  });

  type Mutation = (r: WireRequest) => WireRequest | undefined;
  const mutations: Record<string, Mutation> = {
    method: (r) => ({ ...r, method: r.method === 'GET' ? 'POST' : 'GET' }),
    'URL path': (r) => {
      const url = new URL(r.url);
      url.pathname += 'x';
      return { ...r, url: url.href };
    },
    'URL host': (r) => {
      const url = new URL(r.url);
      url.hostname = `x${url.hostname}`;
      return { ...r, url: url.href };
    },
    'URL port': (r) => {
      const url = new URL(r.url);
      url.port = url.port === '8444' ? '8445' : '8444';
      return { ...r, url: url.href };
    },
    'an added query parameter': (r) => {
      const url = new URL(r.url);
      url.search = url.search === '' ? 'extra=1' : `${url.search.slice(1)}&extra=1`;
      return { ...r, url: url.href };
    },
    'an added body parameter': (r) => ({
      ...r,
      headers: { ...r.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: r.body === undefined || r.body === '' ? 'extra=1' : `extra=1&${r.body}`,
    }),
    'a changed oauth_nonce': (r) => changeProtocolParam(r, 'oauth_nonce'),
    'a changed oauth_timestamp': (r) => changeProtocolParam(r, 'oauth_timestamp', String(TIMESTAMP + 1)),
  };

  function changeProtocolParam(r: WireRequest, name: string, value = 'changed'): WireRequest {
    const swap = (s: string) => s.replace(new RegExp(`${name}=("?)[^"&]*`), `${name}=$1${value}`);
    const authorization = r.headers.authorization;
    if (authorization !== undefined)
      return { ...r, headers: { ...r.headers, authorization: swap(authorization) } };
    if (r.body?.includes(`${name}=`)) return { ...r, body: swap(r.body) };
    return { ...r, url: swap(r.url) };
  }

  it.each(Object.keys(mutations))('and rejects a change to %s', async (what) => {
    await fc.assert(
      fc.asyncProperty(signInput(SIGNING), transport, async (input, where) => {
        const request = signedWireRequest(input, where);
        const changed = mutations[what]!(request)!;
        expect(await problemOf(verify(changed))).toBe('signature_invalid');
      }),
      { numRuns: 60 },
    );
  });

  it('and rejects a changed value of any one request parameter', async () => {
    await fc.assert(
      fc.asyncProperty(
        signInput(SIGNING).filter((i) => new URL(i.url).search.length > 1 || (i.body ?? '') !== ''),
        transport,
        fc.nat(),
        async (input, where, pick) => {
          // Change one query or body parameter (not a protocol one) by appending to its value.
          const inQuery = [...new URL(input.url).searchParams];
          const inBody = [...new URLSearchParams(String(input.body ?? ''))];
          const all = [...inQuery.map(() => 'query' as const), ...inBody.map(() => 'body' as const)];
          const index = pick % all.length;
          const changed: SignInput = { ...input };
          if (all[index] === 'query') {
            inQuery[index]![1] += 'x';
            const url = new URL(input.url);
            url.search = new URLSearchParams(inQuery).toString();
            changed.url = url.href;
          } else {
            inBody[index - inQuery.length]![1] += 'x';
            changed.body = new URLSearchParams(inBody).toString();
          }
          const original = signedWireRequest(input, where);
          const tampered = signedWireRequest({ ...changed }, where);
          // The tampered request carries the original signature.
          const forged = transplantSignature(tampered, original);
          expect(await problemOf(verify(forged))).toBe('signature_invalid');
        },
      ),
      { numRuns: 100 },
    );
  });
});

function signatureIn(r: WireRequest): string {
  const source = r.headers.authorization ?? `${r.url}&${r.body ?? ''}`;
  return /oauth_signature=("?)([^"&]*)/.exec(source)![2]!;
}

function transplantSignature(target: WireRequest, from: WireRequest): WireRequest {
  const sig = signatureIn(from);
  const swap = (s: string) => s.replace(/oauth_signature=("?)[^"&]*/, `oauth_signature=$1${sig}`);
  const authorization = target.headers.authorization;
  if (authorization !== undefined)
    return { ...target, headers: { ...target.headers, authorization: swap(authorization) } };
  if (target.body?.includes('oauth_signature=')) return { ...target, body: swap(target.body) };
  return { ...target, url: swap(target.url) };
}

describe('form-urlencoded parsing (RFC 5849 section 3.4.1.3.1)', () => {
  it('the fast parser agrees with URLSearchParams on any input, malformed included', () => {
    const piece = fc.oneof(
      text,
      fc.constantFrom('%', '%2', '%zz', '%E2%9C', '%ED%A0%80', '+', '=', '&', '&&', '?', '%2B', '%20'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const source = pieces.join('');
        expect(parseFormEncoded(source).map(([n, v]) => [n, v])).toEqual([...new URLSearchParams(source)]);
      }),
      { numRuns: 1000 },
    );
  });
});
