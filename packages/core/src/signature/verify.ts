import type { KeyObject } from 'node:crypto';
import { OAuth1Error, type OAuthProblem } from '../errors.js';
import { baseStringUri, signatureBaseString } from './base-string.js';
import { bodyHash } from './body-hash.js';
import { constantTimeEqual } from './constant-time.js';
import { parseAuthorizationHeader } from './header.js';
import { normalizeParameters, type Parameter, parseFormEncoded } from './parameters.js';
import { isRsaMethod, isSignatureMethod, type SignatureMethod } from './signature-methods.js';
import { computeSignature, verifyRsaSignature } from './signers.js';
import { isFormContentType, parseHttpUrl, requireString } from './validate.js';

/** What a provider knows of a consumer: the shared secret (HMAC, PLAINTEXT) and/or an RSA public key. */
export interface ConsumerSecrets {
  secret?: string;
  publicKey?: string | KeyObject;
}

type MaybePromise<T> = T | Promise<T>;

export interface VerifyInput {
  method: string;
  /** The full URL the client addressed, query included. */
  url: string | URL;
  headers?: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw request body, when there is one. */
  body?: string | Uint8Array | undefined;
  lookupConsumer(consumerKey: string): MaybePromise<ConsumerSecrets | undefined>;
  /** The secret of `oauth_token`; without it a request carrying a token is refused. */
  lookupToken?(token: string, consumerKey: string): MaybePromise<{ secret: string } | undefined>;
  /** Records a nonce and answers false when (consumer, token, timestamp, nonce) was seen before. */
  checkNonce?(
    nonce: string,
    timestamp: string,
    consumerKey: string,
    token: string | undefined,
  ): MaybePromise<boolean>;
  /** Methods accepted; default all six. */
  signatureMethods?: readonly SignatureMethod[];
  /** A realm the request must name in its Authorization header. */
  realm?: string;
  /** Allowed clock difference in seconds; default 300. */
  timestampToleranceSeconds?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** A request must carry `oauth_token` (protected resources); default false. */
  requireToken?: boolean;
}

export interface VerifiedRequest {
  consumerKey: string;
  token?: string;
  signatureMethod: SignatureMethod;
  realm?: string;
  /** Every `oauth_*` parameter received, `oauth_signature` excluded. */
  oauthParams: Record<string, string>;
  /** The other request parameters (query, then form body), decoded, in order, duplicates kept. */
  parameters: Parameter[];
  /** Where the protocol parameters came from. */
  transport: 'header' | 'query' | 'body';
}

function reject(problem: OAuthProblem, message: string, status = 401): OAuth1Error {
  return new OAuth1Error('verification_failed', message, { problem, status });
}

function headerValue(headers: VerifyInput['headers'], name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    return typeof value === 'string' ? value : value?.join(', ');
  }
  return undefined;
}

const isOAuthName = (name: string): boolean => name.startsWith('oauth_');

/**
 * Checks a signed request the way a provider must: the protocol parameters from exactly one place, a
 * supported method, a known consumer and token, a fresh timestamp, an unused nonce and a signature
 * that matches (compared in constant time). Throws `verification_failed` with the `problem` a provider
 * reports. RFC 5849 sections 3.2, 3.4 and 3.5.
 */
export async function verifyRequest(input: VerifyInput): Promise<VerifiedRequest> {
  const method = requireString(input.method, 'method').toUpperCase();
  const url = parseHttpUrl(input.url, 'url');
  const contentType = headerValue(input.headers, 'content-type');
  const rawBody =
    input.body === undefined
      ? undefined
      : typeof input.body === 'string'
        ? input.body
        : Buffer.from(input.body).toString('utf8');
  const formBody = rawBody !== undefined && isFormContentType(contentType);

  const queryParams = parseFormEncoded(url.search);
  const bodyParams = formBody ? parseFormEncoded(rawBody) : [];

  let transport: VerifiedRequest['transport'] | undefined;
  let realm: string | undefined;
  const oauthParams: Record<string, string> = Object.create(null) as Record<string, string>;
  const authorization = headerValue(input.headers, 'authorization');
  if (authorization !== undefined && /^\s*OAuth\b/i.test(authorization)) {
    let parsed: ReturnType<typeof parseAuthorizationHeader>;
    try {
      parsed = parseAuthorizationHeader(authorization);
    } catch (cause) {
      throw reject('parameter_rejected', (cause as Error).message.replace(/ \(oauth1a:.*$/, ''), 400);
    }
    Object.assign(oauthParams, parsed.params);
    if (parsed.realm !== undefined) realm = parsed.realm;
    transport = 'header';
  }
  for (const [source, params] of [
    ['query', queryParams],
    ['body', bodyParams],
  ] as const) {
    for (const [name, value] of params) {
      if (!isOAuthName(name)) continue;
      if (transport !== undefined && transport !== source) {
        throw reject(
          'parameter_rejected',
          `protocol parameters were sent in both the ${transport} and the ${source}`,
          400,
        );
      }
      transport = source;
      if (name in oauthParams) throw reject('parameter_rejected', `${name} was sent more than once`, 400);
      oauthParams[name] = value;
    }
  }
  if (transport === undefined) {
    throw reject('parameter_absent', 'the request carries no OAuth protocol parameters', 400);
  }

  if (oauthParams.oauth_version !== undefined && oauthParams.oauth_version !== '1.0') {
    throw reject('version_rejected', 'oauth_version must be "1.0" when present', 400);
  }
  const signatureMethod = oauthParams.oauth_signature_method;
  const signature = oauthParams.oauth_signature;
  const consumerKey = oauthParams.oauth_consumer_key;
  const missing = ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature'].filter(
    (name) => oauthParams[name] === undefined,
  );
  if (signatureMethod !== 'PLAINTEXT') {
    for (const name of ['oauth_timestamp', 'oauth_nonce'])
      if (oauthParams[name] === undefined) missing.push(name);
  }
  if (input.requireToken === true && oauthParams.oauth_token === undefined) missing.push('oauth_token');
  if (
    missing.length > 0 ||
    signatureMethod === undefined ||
    signature === undefined ||
    consumerKey === undefined
  ) {
    throw reject('parameter_absent', `missing ${missing.join(', ')}`, 400);
  }
  const allowed = input.signatureMethods ?? undefined;
  if (!isSignatureMethod(signatureMethod) || (allowed !== undefined && !allowed.includes(signatureMethod))) {
    throw reject(
      'signature_method_rejected',
      `signature method ${JSON.stringify(signatureMethod)} is not accepted here`,
      400,
    );
  }
  if (input.realm !== undefined && realm !== input.realm) {
    throw reject('parameter_rejected', 'the Authorization header must name the realm this provider requires');
  }

  const consumer = await input.lookupConsumer(consumerKey);
  if (consumer === undefined) throw reject('consumer_key_unknown', 'the consumer key is not known');
  const tokenValue = oauthParams.oauth_token;
  let tokenSecret: string | undefined;
  if (tokenValue !== undefined) {
    const found =
      input.lookupToken === undefined ? undefined : await input.lookupToken(tokenValue, consumerKey);
    if (found === undefined)
      throw reject('token_rejected', 'the token is not known, expired or already used');
    tokenSecret = found.secret;
  }

  const timestamp = oauthParams.oauth_timestamp;
  if (timestamp !== undefined) {
    const tolerance = input.timestampToleranceSeconds ?? 300;
    const nowSeconds = Math.floor((input.now ?? Date.now)() / 1000);
    if (!/^\d{1,15}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > tolerance) {
      throw reject(
        'timestamp_refused',
        `oauth_timestamp must be within ${tolerance} seconds of the provider's clock`,
      );
    }
  }

  const bodyHashParam = oauthParams.oauth_body_hash;
  if (bodyHashParam !== undefined) {
    if (formBody)
      throw reject('parameter_rejected', 'oauth_body_hash must not be sent with a form-encoded body', 400);
    if (!constantTimeEqual(bodyHashParam, bodyHash(rawBody, signatureMethod))) {
      throw reject('signature_invalid', 'oauth_body_hash does not match the body');
    }
  }

  const signed: Parameter[] = [];
  for (const pair of queryParams) if (pair[0] !== 'oauth_signature') signed.push(pair);
  for (const pair of bodyParams) if (pair[0] !== 'oauth_signature') signed.push(pair);
  if (transport === 'header') {
    for (const name in oauthParams) if (name !== 'oauth_signature') signed.push([name, oauthParams[name]!]);
  }
  const baseString = signatureBaseString(method, baseStringUri(url), normalizeParameters(signed));

  let valid: boolean;
  if (isRsaMethod(signatureMethod)) {
    if (consumer.publicKey === undefined)
      throw reject('signature_method_rejected', 'this consumer has no RSA public key', 400);
    valid = verifyRsaSignature(signatureMethod, baseString, signature, consumer.publicKey);
  } else {
    if (consumer.secret === undefined)
      throw reject('signature_method_rejected', 'this consumer has no shared secret', 400);
    const expected = computeSignature(signatureMethod, baseString, {
      consumerSecret: consumer.secret,
      tokenSecret,
    });
    valid = constantTimeEqual(signature, expected);
  }
  if (!valid) throw reject('signature_invalid', 'the signature does not match the request');

  if (input.checkNonce !== undefined && oauthParams.oauth_nonce !== undefined) {
    const fresh = await input.checkNonce(oauthParams.oauth_nonce, timestamp ?? '', consumerKey, tokenValue);
    if (!fresh) throw reject('nonce_used', 'this nonce was already used with this timestamp');
  }

  delete oauthParams.oauth_signature;
  const parameters = [...queryParams, ...bodyParams].filter(([name]) => !isOAuthName(name));
  const result: VerifiedRequest = {
    consumerKey,
    signatureMethod,
    oauthParams: { ...oauthParams },
    parameters,
    transport,
  };
  if (tokenValue !== undefined) result.token = tokenValue;
  if (realm !== undefined) result.realm = realm;
  return result;
}
