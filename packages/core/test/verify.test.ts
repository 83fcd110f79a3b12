// verifyRequest, one case per failure: each throws verification_failed with the oauth_problem a provider
// reports (OAuth Problem Reporting extension). RFC 5849 sections 3.2 and 3.4.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OAuth1Error, type SignInput, type VerifyInput, verifyRequest } from '../src/index.js';
import { fixturesDir } from './helpers/paths.js';
import { signedWireRequest, type Transport, type WireRequest } from './helpers/requests.js';

const privateKey = readFileSync(path.join(fixturesDir, 'rsa-private.pem'), 'utf8');
const publicKey = readFileSync(path.join(fixturesDir, 'rsa-public.pem'), 'utf8');
const NOW = 1_700_000_000;

const base: SignInput = {
  method: 'POST',
  url: 'https://api.example.com/1/items?page=2',
  consumer: { key: 'ck', secret: 'cs' },
  token: { token: 'tk', secret: 'ts' },
  body: 'name=a+b&tag=x',
  contentType: 'application/x-www-form-urlencoded',
  nonce: 'abcdef123456',
  timestamp: NOW,
};

function provider(overrides: Partial<VerifyInput> = {}) {
  return (request: WireRequest) =>
    verifyRequest({
      ...request,
      lookupConsumer: (key) => (key === 'ck' ? { secret: 'cs', publicKey } : undefined),
      lookupToken: (token) => (token === 'tk' ? { secret: 'ts' } : undefined),
      now: () => NOW * 1000,
      ...overrides,
    });
}

async function rejection(promise: Promise<unknown>): Promise<OAuth1Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OAuth1Error);
  const oauthError = error as OAuth1Error;
  expect(oauthError.code).toBe('verification_failed');
  return oauthError;
}

const sign = (input: Partial<SignInput> = {}, transport: Transport = 'header') =>
  signedWireRequest({ ...base, ...input }, transport);

describe('verifyRequest accepts', () => {
  it.each<Transport>(['header', 'query', 'body'])(
    'a signed request with its parameters in the %s',
    async (t) => {
      const verified = await provider()(sign({}, t));
      expect(verified).toMatchObject({
        consumerKey: 'ck',
        token: 'tk',
        signatureMethod: 'HMAC-SHA1',
        transport: t,
      });
      expect(verified.parameters).toEqual([
        ['page', '2'],
        ['name', 'a b'],
        ['tag', 'x'],
      ]);
      expect(verified.oauthParams.oauth_signature).toBeUndefined();
    },
  );

  it.each(['RSA-SHA1', 'RSA-SHA256'] as const)('%s, checked with the consumer public key', async (method) => {
    const request = sign({ signatureMethod: method, consumer: { key: 'ck', privateKey }, token: undefined });
    await expect(provider()(request)).resolves.toMatchObject({ signatureMethod: method });
    // The same signature under another consumer's key does not verify.
    const otherKey = provider({ lookupConsumer: () => ({ publicKey: otherPublicKey() }) });
    expect((await rejection(otherKey(request))).problem).toBe('signature_invalid');
  });

  it('PLAINTEXT, which needs neither timestamp nor nonce', async () => {
    const request = sign({ signatureMethod: 'PLAINTEXT' });
    await expect(provider()(request)).resolves.toMatchObject({ signatureMethod: 'PLAINTEXT' });
    const stripped = {
      ...request,
      headers: {
        ...request.headers,
        authorization: request.headers.authorization!.replace(/, oauth_(timestamp|nonce)="[^"]*"/g, ''),
      },
    };
    await expect(provider()(stripped)).resolves.toMatchObject({ signatureMethod: 'PLAINTEXT' });
    const wrong = sign({ signatureMethod: 'PLAINTEXT', consumer: { key: 'ck', secret: 'nope' } });
    expect((await rejection(provider()(wrong))).problem).toBe('signature_invalid');
  });

  it('a matching realm and a body hash over a non-form body', async () => {
    const request = sign({
      realm: 'R',
      body: '{"a":1}',
      contentType: 'application/json',
      includeBodyHash: true,
    });
    await expect(provider({ realm: 'R' })(request)).resolves.toMatchObject({ realm: 'R' });
  });
});

describe('verifyRequest rejects', () => {
  const expectProblem = async (promise: Promise<unknown>, problem: string, status?: number) => {
    const error = await rejection(promise);
    expect(error.problem).toBe(problem);
    if (status !== undefined) expect(error.status).toBe(status);
    return error;
  };

  it('parameter_absent: no protocol parameters at all', async () => {
    await expectProblem(
      provider()({ method: 'GET', url: 'https://api.example.com/', headers: {} }),
      'parameter_absent',
      400,
    );
  });

  it.each([
    'oauth_consumer_key',
    'oauth_signature_method',
    'oauth_signature',
    'oauth_timestamp',
    'oauth_nonce',
  ])('parameter_absent: %s missing', async (name) => {
    const request = sign();
    const authorization = request.headers
      .authorization!.replace(new RegExp(`${name}="[^"]*"`), '')
      .replace(/,\s*,/, ',')
      .replace(/^OAuth\s*,/, 'OAuth ')
      .replace(/,\s*$/, '');
    const error = await expectProblem(
      provider()({ ...request, headers: { ...request.headers, authorization } }),
      'parameter_absent',
    );
    expect(error.message).toContain(name);
  });

  it('parameter_absent: oauth_token missing where a token is required', async () => {
    await expectProblem(provider({ requireToken: true })(sign({ token: undefined })), 'parameter_absent');
  });

  it('parameter_rejected: protocol parameters in two places', async () => {
    const inHeader = sign();
    const inQuery = sign({}, 'query');
    await expectProblem(provider()({ ...inQuery, headers: inHeader.headers }), 'parameter_rejected', 400);
  });

  it('parameter_rejected: a protocol parameter twice in the query', async () => {
    const request = sign({}, 'query');
    await expectProblem(
      provider()({ ...request, url: `${request.url}&oauth_nonce=again` }),
      'parameter_rejected',
      400,
    );
  });

  it('parameter_rejected: a parameter twice in the Authorization header', async () => {
    const request = sign();
    const authorization = `${request.headers.authorization}, oauth_nonce="again"`;
    await expectProblem(
      provider()({ ...request, headers: { ...request.headers, authorization } }),
      'parameter_rejected',
      400,
    );
  });

  it('version_rejected: oauth_version other than 1.0', async () => {
    const request = sign({}, 'query');
    await expectProblem(
      provider()({ ...request, url: request.url.replace('oauth_version=1.0', 'oauth_version=2.0') }),
      'version_rejected',
    );
  });

  it('signature_method_rejected: an unknown method, or one the provider does not accept', async () => {
    const request = sign();
    const authorization = request.headers.authorization!.replace('HMAC-SHA1', 'HMAC-MD5');
    await expectProblem(
      provider()({ ...request, headers: { ...request.headers, authorization } }),
      'signature_method_rejected',
    );
    await expectProblem(provider({ signatureMethods: ['RSA-SHA1'] })(request), 'signature_method_rejected');
  });

  it('signature_method_rejected: RSA for a consumer without a public key, HMAC without a secret', async () => {
    const rsa = sign({ signatureMethod: 'RSA-SHA1', consumer: { key: 'ck', privateKey } });
    await expectProblem(
      provider({ lookupConsumer: () => ({ secret: 'cs' }) })(rsa),
      'signature_method_rejected',
    );
    await expectProblem(
      provider({ lookupConsumer: () => ({ publicKey }) })(sign()),
      'signature_method_rejected',
    );
  });

  it('consumer_key_unknown', async () => {
    await expectProblem(
      provider()(sign({ consumer: { key: 'who', secret: 'cs' } })),
      'consumer_key_unknown',
      401,
    );
  });

  it('token_rejected: an unknown token, or no token lookup at all', async () => {
    await expectProblem(provider()(sign({ token: { token: 'other', secret: 'ts' } })), 'token_rejected');
    await expectProblem(
      verifyRequest({ ...sign(), lookupConsumer: () => ({ secret: 'cs' }), now: () => NOW * 1000 }),
      'token_rejected',
    );
  });

  it.each([
    ['too old', NOW - 301],
    ['in the future', NOW + 301],
  ])('timestamp_refused: %s', async (_what, timestamp) => {
    await expectProblem(provider()(sign({ timestamp })), 'timestamp_refused');
  });

  it('timestamp_refused: tolerance is configurable', async () => {
    await expect(
      provider({ timestampToleranceSeconds: 600 })(sign({ timestamp: NOW - 500 })),
    ).resolves.toBeDefined();
    await expectProblem(
      provider({ timestampToleranceSeconds: 10 })(sign({ timestamp: NOW - 11 })),
      'timestamp_refused',
    );
  });

  it('signature_invalid: a wrong consumer secret or token secret', async () => {
    await expectProblem(
      provider()(sign({ consumer: { key: 'ck', secret: 'wrong' } })),
      'signature_invalid',
      401,
    );
    await expectProblem(provider()(sign({ token: { token: 'tk', secret: 'wrong' } })), 'signature_invalid');
  });

  it('nonce_used: the second use of a nonce, and only after the signature checked out', async () => {
    const seen = new Set<string>();
    const checkNonce = (nonce: string, timestamp: string, key: string, token: string | undefined) => {
      const id = [nonce, timestamp, key, token].join('\n');
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    };
    const verify = provider({ checkNonce });
    const request = sign();
    await expect(verify(request)).resolves.toBeDefined();
    await expectProblem(verify(request), 'nonce_used');
    // A forged request does not burn a nonce.
    await expectProblem(
      verify(sign({ nonce: 'fresh', consumer: { key: 'ck', secret: 'x' } })),
      'signature_invalid',
    );
    await expect(verify(sign({ nonce: 'fresh' }))).resolves.toBeDefined();
  });

  it('signature_invalid: a body that does not match oauth_body_hash', async () => {
    const request = sign({ body: '{"a":1}', contentType: 'application/json', includeBodyHash: true });
    await expectProblem(provider()({ ...request, body: '{"a":2}' }), 'signature_invalid');
  });

  it('parameter_rejected: oauth_body_hash with a form body', async () => {
    const request = sign({ body: '{"a":1}', contentType: 'application/json', includeBodyHash: true });
    await expectProblem(
      provider()({
        ...request,
        body: 'a=1',
        headers: { ...request.headers, 'content-type': 'application/x-www-form-urlencoded' },
      }),
      'parameter_rejected',
    );
  });

  it('parameter_rejected: the realm the provider requires is missing or different', async () => {
    await expectProblem(provider({ realm: 'R' })(sign()), 'parameter_rejected');
    await expectProblem(provider({ realm: 'R' })(sign({ realm: 'other' })), 'parameter_rejected');
  });

  it('parameter_rejected: a malformed Authorization header', async () => {
    await expectProblem(
      provider()({
        method: 'GET',
        url: 'https://api.example.com/',
        headers: { authorization: 'OAuth oauth_nonce=unquoted' },
      }),
      'parameter_rejected',
      400,
    );
  });
});

let cachedOtherKey: string | undefined;
function otherPublicKey(): string {
  if (cachedOtherKey === undefined) {
    cachedOtherKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    }) as string;
  }
  return cachedOtherKey;
}
