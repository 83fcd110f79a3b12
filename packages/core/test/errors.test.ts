// Bad input to signRequest: always an OAuth1Error (never a TypeError) with a code, a message that says
// what to pass instead, and never a secret in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OAuth1Error, type SignInput, signRequest } from '../src/index.js';

const CONSUMER_SECRET = 'consumer-SECRET-c0ns';
const TOKEN_SECRET = 'token-SECRET-t0k';
const KEY_MATERIAL = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7PRIVATEKEYMATERIAL';
const MALFORMED_PEM = `-----BEGIN PRIVATE KEY-----\n${KEY_MATERIAL}\n-----END PRIVATE KEY-----\n`;
const SECRETS = [CONSUMER_SECRET, TOKEN_SECRET, KEY_MATERIAL];

const good: SignInput = {
  method: 'GET',
  url: 'https://api.example.com/r',
  consumer: { key: 'ck', secret: CONSUMER_SECRET, privateKey: MALFORMED_PEM },
  token: { token: 'tk', secret: TOKEN_SECRET },
  nonce: 'n',
  timestamp: 1,
};

function thrown(input: unknown): OAuth1Error {
  let error: unknown;
  try {
    signRequest(input as SignInput);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(OAuth1Error);
  const oauthError = error as OAuth1Error;
  for (const secret of SECRETS) {
    expect(oauthError.message).not.toContain(secret);
    expect(JSON.stringify(oauthError)).not.toContain(secret);
    expect(String((oauthError.cause as Error | undefined)?.message ?? '')).not.toContain(secret);
  }
  return oauthError;
}

// [what, input, code, a phrase of the message that says what to do]
const CASES: Array<[string, unknown, OAuth1Error['code'], RegExp]> = [
  [
    'an unknown signature method',
    { ...good, signatureMethod: 'HMAC-MD5' },
    'signature_method_unsupported',
    /use one of HMAC-SHA1, .*PLAINTEXT/,
  ],
  [
    'a lower-case signature method',
    { ...good, signatureMethod: 'hmac-sha1' },
    'signature_method_unsupported',
    /use one of/,
  ],
  [
    'a non-string signature method',
    { ...good, signatureMethod: 42 },
    'signature_method_unsupported',
    /use one of/,
  ],
  [
    'an HTTP method that is not a token',
    { ...good, method: 'GE T' },
    'invalid_config',
    /method must be an HTTP method name such as "GET"/,
  ],
  [
    'a missing HTTP method',
    { ...good, method: undefined },
    'invalid_config',
    /method must be a string, got undefined/,
  ],
  [
    'HMAC without a consumer secret',
    { ...good, consumer: { key: 'ck' } },
    'invalid_config',
    /HMAC-SHA1 needs consumer\.secret/,
  ],
  [
    'HMAC-SHA256 with a numeric secret',
    { ...good, signatureMethod: 'HMAC-SHA256', consumer: { key: 'ck', secret: 1 } },
    'invalid_config',
    /HMAC-SHA256 needs consumer\.secret \(a string\)/,
  ],
  [
    'PLAINTEXT without a consumer secret',
    { ...good, signatureMethod: 'PLAINTEXT', consumer: { key: 'ck' } },
    'invalid_config',
    /PLAINTEXT needs consumer\.secret/,
  ],
  [
    'RSA without a private key',
    { ...good, signatureMethod: 'RSA-SHA1', consumer: { key: 'ck', secret: CONSUMER_SECRET } },
    'invalid_config',
    /need consumer\.privateKey: a PEM-encoded RSA private key/,
  ],
  [
    'RSA with a malformed PEM',
    { ...good, signatureMethod: 'RSA-SHA256' },
    'invalid_config',
    /not a valid PEM private key \(expected "-----BEGIN PRIVATE KEY-----"/,
  ],
  [
    'RSA with a number as key',
    { ...good, signatureMethod: 'RSA-SHA1', consumer: { key: 'ck', privateKey: 7 } },
    'invalid_config',
    /must be a PEM string or a private KeyObject/,
  ],
  [
    'RSA with an object that only looks like a KeyObject',
    {
      ...good,
      signatureMethod: 'RSA-SHA1',
      consumer: { key: 'ck', privateKey: { type: 'private', asymmetricKeyType: 'rsa' } },
    },
    'invalid_config',
    /PEM string or a private KeyObject/,
  ],
  [
    'a relative URL',
    { ...good, url: '/1.1/statuses' },
    'invalid_config',
    /absolute http\(s\) URL such as "https:\/\/api\.example\.com\/path"/,
  ],
  [
    'an ftp URL',
    { ...good, url: 'ftp://example.com/file' },
    'invalid_config',
    /must use http or https, not ftp/,
  ],
  [
    'a javascript: URL object',
    { ...good, url: new URL('javascript:alert(1)') },
    'invalid_config',
    /must use http or https/,
  ],
  ['a number as URL', { ...good, url: 80 }, 'invalid_config', /url must be a string, got number/],
  [
    'no consumer',
    { ...good, consumer: undefined },
    'invalid_config',
    /consumer must be an object: \{ key, secret \}/,
  ],
  [
    'an empty consumer key',
    { ...good, consumer: { key: '', secret: CONSUMER_SECRET } },
    'invalid_config',
    /consumer\.key must not be empty/,
  ],
  [
    'a token without a secret',
    { ...good, token: { token: 'tk' } },
    'invalid_config',
    /token\.secret must be a string/,
  ],
  [
    'a token as a string',
    { ...good, token: 'tk' },
    'invalid_config',
    /token must be an object: \{ token, secret \}/,
  ],
  [
    'a non-string oauthParams value',
    { ...good, oauthParams: { oauth_callback: 5 } },
    'invalid_config',
    /oauthParams\.oauth_callback must be a string, got number/,
  ],
  [
    'a non-protocol name in oauthParams',
    { ...good, oauthParams: { status: 'x' } },
    'invalid_config',
    /send "status" in the query or body/,
  ],
  [
    'oauthParams setting oauth_nonce',
    { ...good, oauthParams: { oauth_nonce: 'x' } },
    'invalid_config',
    /must not set oauth_nonce; use nonce instead/,
  ],
  [
    'oauthParams as a string',
    { ...good, oauthParams: 'oauth_callback=x' },
    'invalid_config',
    /oauthParams must be an object/,
  ],
  [
    'a numeric body',
    { ...good, body: 12 },
    'invalid_config',
    /body must be a string, URLSearchParams or Uint8Array/,
  ],
  ['a numeric realm', { ...good, realm: 1 }, 'invalid_config', /realm must be a string/],
  [
    'a fractional timestamp',
    { ...good, timestamp: 1.5 },
    'invalid_config',
    /timestamp must be whole seconds/,
  ],
  [
    'a timestamp in milliseconds as text',
    { ...good, timestamp: 'soon' },
    'invalid_config',
    /timestamp must be whole seconds/,
  ],
  ['an empty nonce', { ...good, nonce: '' }, 'invalid_config', /nonce must not be empty/],
  [
    'a lone surrogate in a secret',
    { ...good, consumer: { key: 'ck', secret: '\uD800' } },
    'invalid_config',
    /lone UTF-16 surrogate/,
  ],
  [
    'null input',
    null,
    'invalid_config',
    /signRequest expects an object: \{ method, url, consumer, \.\.\. \}/,
  ],
  ['a string as input', 'GET https://example.com', 'invalid_config', /signRequest expects an object/],
  ['no input', undefined, 'invalid_config', /signRequest expects an object/],
];

describe('signRequest refuses bad input with a coded, actionable, secret-free error', () => {
  it.each(CASES)('%s', (_what, input, code, says) => {
    const error = thrown(input);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(says);
    expect(error.message).toContain(`(oauth1a: ${code} — see @oauth1a/core/errors.md#${code})`);
    expect(error.status).toBe(500);
  });

  it('never throws anything but an OAuth1Error, whatever the fields hold', () => {
    const field = fc.oneof(fc.anything(), fc.string(), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.record({
          method: fc.oneof(fc.constantFrom('GET', 'post'), field),
          url: fc.oneof(fc.constantFrom('https://example.com/?a=1', 'http://[::1]:81/'), field),
          consumer: fc.oneof(
            fc.record({ key: fc.oneof(fc.constant('ck'), field), secret: field, privateKey: field }),
            field,
          ),
          token: fc.oneof(fc.record({ token: field, secret: field }), field),
          signatureMethod: fc.oneof(fc.constantFrom('HMAC-SHA1', 'RSA-SHA1', 'PLAINTEXT'), field),
          body: field,
          contentType: field,
          realm: field,
          oauthParams: fc.oneof(fc.dictionary(fc.string(), field), field),
          includeVersion: field,
          includeBodyHash: field,
          nonce: field,
          timestamp: fc.oneof(fc.nat(), field),
        }),
        (input) => {
          try {
            signRequest(input as unknown as SignInput);
          } catch (error) {
            expect(error).toBeInstanceOf(OAuth1Error);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
