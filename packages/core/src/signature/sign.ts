import type { KeyObject } from 'node:crypto';
import { OAuth1Error } from '../errors.js';
import { type EncodedPair, encodedBaseString } from './base-string.js';
import { bodyHash } from './body-hash.js';
import { encodedFormPairs } from './form-transcode.js';
import { formatEncodedHeader } from './header.js';
import { currentTimestamp, generateNonce } from './nonce.js';
import { percentEncode } from './percent-encode.js';
import { isSignatureMethod, type SignatureMethod } from './signature-methods.js';
import { computeSignature } from './signers.js';
import { urlParts } from './url-parts.js';
import { isFormContentType, requireString } from './validate.js';

export interface ConsumerCredentials {
  key: string;
  /** Needed by the HMAC methods and PLAINTEXT. */
  secret?: string;
  /** PEM text or a KeyObject; needed by RSA-SHA1 and RSA-SHA256. */
  privateKey?: string | KeyObject;
}

export interface TokenCredentials {
  token: string;
  secret: string;
}

export interface SignInput {
  /** Any case; normalized to upper case. */
  method: string;
  /** Query parameters are part of the signature. */
  url: string | URL;
  consumer: ConsumerCredentials;
  token?: TokenCredentials | undefined;
  /** Default `'HMAC-SHA1'`. */
  signatureMethod?: SignatureMethod | undefined;
  /**
   * Signed only when it is `application/x-www-form-urlencoded` (a URLSearchParams body always is);
   * other bodies (bytes included) only count through `includeBodyHash`.
   */
  body?: string | URLSearchParams | Uint8Array | undefined;
  /** Decides whether a string body is form-encoded. */
  contentType?: string | undefined;
  /** Sent in the Authorization header, never part of the base string. */
  realm?: string | undefined;
  /** Extra protocol parameters: `oauth_callback`, `oauth_verifier`, `xoauth_*` ... */
  oauthParams?: Readonly<Record<string, string>> | undefined;
  /** Send `oauth_version="1.0"` (default true; some providers want it absent). */
  includeVersion?: boolean | undefined;
  /** Add `oauth_body_hash` for a body that is not form-encoded. */
  includeBodyHash?: boolean | undefined;
  /** Default: 32 random alphanumerics. */
  nonce?: string | undefined;
  /** Default: now, in whole seconds. */
  timestamp?: number | string | undefined;
}

export interface SignedRequest {
  /** `oauth_signature`, not percent-encoded. */
  signature: string;
  baseString: string;
  /** Every `oauth_*` parameter to send, `oauth_signature` included (values not encoded). */
  oauthParams: Record<string, string>;
  /** `OAuth realm="...", oauth_consumer_key="...", ...` */
  authorization: string;
}

// Parameters that signRequest sets itself; passing them in oauthParams would sign something else than
// what the caller's other options say.
const RESERVED_OAUTH_PARAMS: Readonly<Record<string, string>> = {
  oauth_consumer_key: 'consumer.key',
  oauth_token: 'token',
  oauth_signature_method: 'signatureMethod',
  oauth_signature: 'nothing (signRequest computes it)',
  oauth_timestamp: 'timestamp',
  oauth_nonce: 'nonce',
  oauth_version: 'includeVersion',
  oauth_body_hash: 'includeBodyHash',
};

const METHOD_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const TIMESTAMP = /^\d{1,15}$/;

/**
 * Signs an HTTP request with OAuth 1.0a: collects the query, form body and protocol parameters,
 * builds the signature base string and signs it. Pure apart from the default nonce and timestamp.
 * RFC 5849 section 3.4 (and 3.5.1 for the header).
 */
export function signRequest(input: SignInput): SignedRequest {
  if (typeof input !== 'object' || input === null) {
    throw new OAuth1Error('invalid_config', 'signRequest expects an object: { method, url, consumer, ... }');
  }
  const method = requireString(input.method, 'method').toUpperCase();
  if (!METHOD_TOKEN.test(method)) {
    throw new OAuth1Error('invalid_config', `method must be an HTTP method name such as "GET" or "POST"`);
  }
  const url = urlParts(input.url, 'url');
  const consumer = input.consumer;
  if (typeof consumer !== 'object' || consumer === null) {
    throw new OAuth1Error(
      'invalid_config',
      'consumer must be an object: { key, secret } or { key, privateKey }',
    );
  }
  const consumerKey = requireString(consumer.key, 'consumer.key');
  if (consumerKey === '') throw new OAuth1Error('invalid_config', 'consumer.key must not be empty');

  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA1';
  if (!isSignatureMethod(signatureMethod)) {
    throw new OAuth1Error(
      'signature_method_unsupported',
      `signatureMethod ${JSON.stringify(String(signatureMethod))} is not supported; use one of HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT`,
    );
  }

  const token = input.token;
  if (token !== undefined) {
    if (typeof token !== 'object' || token === null) {
      throw new OAuth1Error('invalid_config', 'token must be an object: { token, secret }');
    }
    requireString(token.token, 'token.token');
    requireString(token.secret, 'token.secret');
  }

  const oauthParams: Record<string, string> = { oauth_consumer_key: consumerKey };
  if (token !== undefined) oauthParams.oauth_token = token.token;
  oauthParams.oauth_signature_method = signatureMethod;
  oauthParams.oauth_timestamp = resolveTimestamp(input.timestamp);
  oauthParams.oauth_nonce =
    input.nonce === undefined ? generateNonce() : requireNonEmpty(input.nonce, 'nonce');
  if (input.includeVersion !== false) oauthParams.oauth_version = '1.0';
  if (input.oauthParams !== undefined) addExtraOAuthParams(oauthParams, input.oauthParams);

  // Each name and value is encoded once and used for both the base string and the header. RFC 5849
  // section 3.4.1.3.1: an oauth_signature already in the query or body is never signed.
  const encoded: EncodedPair[] = url.queryPairs.slice();
  const body = input.body;
  let formBody = false;
  if (body !== undefined) {
    if (body instanceof URLSearchParams) {
      formBody = input.contentType === undefined || isFormContentType(input.contentType);
      if (formBody) {
        for (const [name, value] of body) {
          if (name !== 'oauth_signature') encoded.push([percentEncode(name), percentEncode(value)]);
        }
      }
    } else if (typeof body === 'string') {
      formBody = isFormContentType(input.contentType);
      if (formBody) encodedFormPairs(body, encoded, 'oauth_signature');
    } else if (body instanceof Uint8Array) {
      formBody = isFormContentType(input.contentType);
      if (formBody) encodedFormPairs(Buffer.from(body).toString('utf8'), encoded, 'oauth_signature');
    } else {
      throw new OAuth1Error(
        'invalid_config',
        'body must be a string, URLSearchParams or Uint8Array (other bodies: read them first)',
      );
    }
  }
  if (input.includeBodyHash === true && !formBody) {
    oauthParams.oauth_body_hash = bodyHash(
      body === undefined || body instanceof Uint8Array ? body : String(body),
      signatureMethod,
    );
  }
  const encodedOAuth: EncodedPair[] = [];
  for (const name in oauthParams) {
    const pair: EncodedPair = [name, percentEncode(oauthParams[name]!)];
    encodedOAuth.push(pair);
    encoded.push(pair);
  }

  const realm = input.realm === undefined ? undefined : requireString(input.realm, 'realm');
  const baseString = encodedBaseString(method, url.encodedUri, encoded);
  const signature = computeSignature(signatureMethod, baseString, {
    consumerSecret: consumer.secret,
    tokenSecret: token?.secret,
    privateKey: consumer.privateKey,
  });
  oauthParams.oauth_signature = signature;
  encodedOAuth.push(['oauth_signature', percentEncode(signature)]);
  return { signature, baseString, oauthParams, authorization: formatEncodedHeader(encodedOAuth, realm) };
}

function resolveTimestamp(timestamp: number | string | undefined): string {
  if (timestamp === undefined) return currentTimestamp();
  const text = typeof timestamp === 'number' && Number.isInteger(timestamp) ? String(timestamp) : timestamp;
  if (typeof text !== 'string' || !TIMESTAMP.test(text)) {
    throw new OAuth1Error(
      'invalid_config',
      'timestamp must be whole seconds since the epoch (a non-negative integer)',
    );
  }
  return text;
}

function requireNonEmpty(value: unknown, name: string): string {
  const text = requireString(value, name);
  if (text === '') throw new OAuth1Error('invalid_config', `${name} must not be empty`);
  return text;
}

function addExtraOAuthParams(into: Record<string, string>, extra: Readonly<Record<string, string>>): void {
  if (typeof extra !== 'object' || extra === null) {
    throw new OAuth1Error('invalid_config', 'oauthParams must be an object of string values');
  }
  for (const name of Object.keys(extra)) {
    const instead = RESERVED_OAUTH_PARAMS[name];
    if (instead !== undefined) {
      throw new OAuth1Error('invalid_config', `oauthParams must not set ${name}; use ${instead} instead`);
    }
    if (!name.startsWith('oauth_') && !name.startsWith('xoauth_')) {
      throw new OAuth1Error(
        'invalid_config',
        `oauthParams holds protocol parameters only (oauth_* or xoauth_*); send ${JSON.stringify(name)} in the query or body`,
      );
    }
    into[name] = requireString(extra[name], `oauthParams.${name}`);
  }
}
