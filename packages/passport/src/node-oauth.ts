import {
  type ConsumerCredentials,
  currentTimestamp,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  generateNonce,
  OAuth1Error,
  type ProviderConfig,
  parseTokenResponse,
  percentEncode,
  signRequest,
} from '@oauth1a/core';
import type { NodeOAuthError } from './internal-oauth-error.js';

export type { OAuthParams, OAuthResponse };

import {
  FORM,
  type OAuthParams,
  type OAuthResponse,
  prepareSecureRequest,
  sendSigned,
} from './secure-request.js';
import { tokenLegError } from './token-leg-error.js';

/** node-oauth's callback for `get`, `post`, ... and `_performSecureRequest`. */
export type OAuthDataCallback = (
  error: NodeOAuthError | Error | null,
  data?: string,
  response?: OAuthResponse,
) => void;

/** node-oauth's callback for the token legs: the token, its secret and the answer's other fields. */
export type OAuthTokenCallback = (
  error: Error | null,
  token?: string,
  tokenSecret?: string,
  results?: Record<string, string>,
) => void;

export interface OAuthClientOptions {
  requestTokenHttpMethod: string;
  accessTokenHttpMethod: string;
  followRedirects: boolean;
}

export interface NodeOAuthOptions {
  provider: ProviderConfig;
  consumer: ConsumerCredentials;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  /** passport-oauth1's `customHeaders`: replaces the default headers, as in node-oauth. */
  customHeaders?: Record<string, string> | undefined;
}

function deliver(callback: () => void): void {
  // Outside any promise chain: a callback that throws surfaces as an uncaught exception (as with
  // node-oauth), and is never called a second time with its own error.
  process.nextTick(callback);
}

/**
 * node-oauth's `OAuth` class, the `_oauth` of a passport-oauth1 strategy, on oauth1a's core signer:
 * the same constructor fields (`_requestUrl`, `_accessUrl`, `_consumerKey`, `_signatureMethod`,
 * `_headers`, `_clientOptions`, ...) and methods (`getOAuthRequestToken`, `getOAuthAccessToken`, `get`,
 * `post`, `put`, `delete`, `getProtectedResource`, `signUrl`, `authHeader`, `setClientOptions`). Every
 * request goes through `_performSecureRequest`, so overriding or stubbing it (or the token methods)
 * takes effect; the strategy's own token legs call `getOAuthRequestToken` and `getOAuthAccessToken`.
 *
 * Differences from node-oauth: every call has a deadline (`timeoutMs`, body included); redirects are
 * followed only on the same origin; token-leg failures are `OAuth1Error`s (`request_token_failed`, ...)
 * that also carry node-oauth's `statusCode` and `data` (redacted); the caller's `extra_params` are not
 * mutated; the streaming form (no callback) is not supported.
 */
export class OAuth {
  _isEcho = false;
  _requestUrl: string;
  _accessUrl: string;
  _consumerKey: string;
  declare _consumerSecret: string;
  declare _privateKey: string | undefined;
  _version = '1.0';
  _authorize_callback: string | null = null;
  _signatureMethod: string;
  _nonceSize = 32;
  _headers: Record<string, string>;
  _clientOptions: OAuthClientOptions;
  _defaultClientOptions: OAuthClientOptions;
  _oauthParameterSeperator = ',';
  declare readonly _provider: ProviderConfig;
  declare readonly _consumer: ConsumerCredentials;
  declare readonly _fetch: FetchLike | undefined;
  _timeoutMs: number;

  constructor(options: NodeOAuthOptions) {
    const { provider, consumer } = options;
    this._requestUrl = provider.requestTokenUrl;
    this._accessUrl = provider.accessTokenUrl;
    this._consumerKey = consumer.key;
    this._signatureMethod = provider.signatureMethod ?? 'HMAC-SHA1';
    this._headers = options.customHeaders ?? { Accept: '*/*', 'User-Agent': 'Node authentication' };
    this._clientOptions = this._defaultClientOptions = {
      requestTokenHttpMethod: provider.requestTokenMethod ?? 'POST',
      accessTokenHttpMethod: provider.accessTokenMethod ?? 'POST',
      followRedirects: true,
    };
    this._timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Secrets are non-enumerable, so that logging the strategy never prints them.
    const hidden = (name: string, value: unknown) =>
      Object.defineProperty(this, name, { value, enumerable: false, writable: true, configurable: true });
    hidden('_consumerSecret', percentEncode(typeof consumer.secret === 'string' ? consumer.secret : ''));
    hidden('_privateKey', typeof consumer.privateKey === 'string' ? consumer.privateKey : undefined);
    hidden('_consumer', consumer);
    hidden('_provider', provider);
    hidden('_fetch', options.fetch);
  }

  _getTimestamp(): number {
    return Number(currentTimestamp());
  }

  _getNonce(nonceSize: number): string {
    return generateNonce(nonceSize);
  }

  _encodeData(value: unknown): string {
    return value === undefined || value === null || value === '' ? '' : percentEncode(String(value));
  }

  setClientOptions(options: Partial<OAuthClientOptions>): void {
    this._clientOptions = { ...this._defaultClientOptions, ...options };
  }

  /** Leg 1 (RFC 5849 section 2.1): `callback(err, token, tokenSecret, results)`. */
  getOAuthRequestToken(extraParams: OAuthParams | OAuthTokenCallback, callback?: OAuthTokenCallback): void {
    const [params, done] =
      typeof extraParams === 'function' ? [{}, extraParams] : [{ ...extraParams }, callback];
    if (typeof done !== 'function') throw new TypeError('getOAuthRequestToken needs a callback');
    if (this._authorize_callback) params.oauth_callback = this._authorize_callback;
    this._tokenLeg('request_token_failed', 'the request token request', null, null, params, done);
  }

  /** Leg 3 (RFC 5849 section 2.3): `callback(err, token, tokenSecret, results)`. */
  getOAuthAccessToken(
    oauthToken: string,
    oauthTokenSecret: string,
    oauthVerifier: string | null | undefined | OAuthTokenCallback,
    callback?: OAuthTokenCallback,
  ): void {
    const params: OAuthParams = {};
    let done = callback;
    if (typeof oauthVerifier === 'function') done = oauthVerifier;
    else if (oauthVerifier !== undefined && oauthVerifier !== null) params.oauth_verifier = oauthVerifier;
    if (typeof done !== 'function') throw new TypeError('getOAuthAccessToken needs a callback');
    this._tokenLeg(
      'access_token_failed',
      'the access token request',
      oauthToken,
      oauthTokenSecret,
      params,
      done,
    );
  }

  protected _tokenLeg(
    code: 'request_token_failed' | 'access_token_failed',
    purpose: string,
    token: string | null,
    tokenSecret: string | null,
    params: OAuthParams,
    done: OAuthTokenCallback,
  ): void {
    const method =
      code === 'request_token_failed'
        ? this._clientOptions.requestTokenHttpMethod
        : this._clientOptions.accessTokenHttpMethod;
    const url = code === 'request_token_failed' ? this._requestUrl : this._accessUrl;
    const secrets = [this._consumer?.secret, tokenSecret ?? undefined];
    this._performSecureRequest(
      token,
      tokenSecret,
      method,
      url,
      params,
      null,
      null,
      (error, data, response) => {
        if (error) return done(tokenLegError(code, purpose, error, secrets));
        let fields: Record<string, string>;
        try {
          fields = parseTokenResponse(
            data ?? '',
            response?.headers['content-type'] ?? null,
            this._provider?.tokenResponse,
          );
        } catch (cause) {
          return done(tokenLegError('invalid_provider_response', purpose, cause, secrets));
        }
        const { oauth_token: newToken, oauth_token_secret: newSecret, ...results } = fields;
        if (!newToken || newSecret === undefined) {
          return done(
            new OAuth1Error(
              'invalid_provider_response',
              `${purpose}: the provider's answer has no oauth_token or oauth_token_secret; check the endpoint URL`,
            ),
          );
        }
        done(null, newToken, newSecret, results);
      },
    );
  }

  get(url: string, oauthToken: string, oauthTokenSecret: string, callback: OAuthDataCallback): void {
    this._performSecureRequest(oauthToken, oauthTokenSecret, 'GET', url, null, '', null, callback);
  }

  delete(url: string, oauthToken: string, oauthTokenSecret: string, callback: OAuthDataCallback): void {
    this._performSecureRequest(oauthToken, oauthTokenSecret, 'DELETE', url, null, '', null, callback);
  }

  /** Deprecated in node-oauth too; kept because old strategies call it. */
  getProtectedResource(
    url: string,
    method: string,
    oauthToken: string,
    oauthTokenSecret: string,
    callback: OAuthDataCallback,
  ): void {
    this._performSecureRequest(oauthToken, oauthTokenSecret, method, url, null, '', null, callback);
  }

  post(
    url: string,
    oauthToken: string,
    oauthTokenSecret: string,
    postBody: string | Buffer | Record<string, string> | null | undefined,
    postContentType: string | null | undefined | OAuthDataCallback,
    callback?: OAuthDataCallback,
  ): void {
    this._putOrPost('POST', url, oauthToken, oauthTokenSecret, postBody, postContentType, callback);
  }

  put(
    url: string,
    oauthToken: string,
    oauthTokenSecret: string,
    postBody: string | Buffer | Record<string, string> | null | undefined,
    postContentType: string | null | undefined | OAuthDataCallback,
    callback?: OAuthDataCallback,
  ): void {
    this._putOrPost('PUT', url, oauthToken, oauthTokenSecret, postBody, postContentType, callback);
  }

  _putOrPost(
    method: 'POST' | 'PUT',
    url: string,
    oauthToken: string,
    oauthTokenSecret: string,
    postBody: string | Buffer | Record<string, string> | null | undefined,
    postContentType: string | null | undefined | OAuthDataCallback,
    callback?: OAuthDataCallback,
  ): void {
    let contentType = postContentType;
    let done = callback;
    if (typeof contentType === 'function') {
      done = contentType;
      contentType = null;
    }
    if (typeof postBody === 'string' || Buffer.isBuffer(postBody)) {
      this._performSecureRequest(
        oauthToken,
        oauthTokenSecret,
        method,
        url,
        null,
        postBody,
        contentType ?? null,
        done,
      );
    } else {
      // An object body is a form: signed, as RFC 5849 section 3.4.1.3 says.
      this._performSecureRequest(
        oauthToken,
        oauthTokenSecret,
        method,
        url,
        postBody ?? null,
        null,
        FORM,
        done,
      );
    }
  }

  /** `Authorization` header value for a request with no body (node-oauth's `authHeader`). */
  authHeader(url: string, oauthToken: string, oauthTokenSecret: string, method = 'GET'): string {
    return this._sign(oauthToken, oauthTokenSecret, method, new URL(url), {}, undefined, undefined)
      .authorization;
  }

  /** The URL with the protocol parameters in its query (node-oauth's `signUrl`). */
  signUrl(url: string, oauthToken: string, oauthTokenSecret: string, method = 'GET'): string {
    const target = new URL(url);
    const signed = this._sign(oauthToken, oauthTokenSecret, method, target, {}, undefined, undefined);
    for (const [name, value] of Object.entries(signed.oauthParams)) target.searchParams.append(name, value);
    return target.href;
  }

  /**
   * Every request of this client: signs it with core's signer (the `oauth_*` entries of `extraParams`
   * become protocol parameters; the others are signed and sent as the form body of a POST/PUT, or in
   * the query otherwise), sends it with a deadline, and calls back as node-oauth does:
   * `(null, data, response)` for 2xx, `({ statusCode, data }, data, response)` otherwise, `(error)`
   * when no answer came. RFC 5849 section 3.
   */
  _performSecureRequest(
    oauthToken: string | null | undefined,
    oauthTokenSecret: string | null | undefined,
    method: string,
    url: string,
    extraParams: OAuthParams | null | undefined,
    postBody: string | Buffer | null | undefined,
    postContentType: string | null | undefined,
    callback?: OAuthDataCallback,
  ): void {
    if (typeof callback !== 'function') {
      throw new TypeError(
        "_performSecureRequest needs a callback: node-oauth's streaming form (no callback) is not supported; use strategy.signedFetch(token, tokenSecret)",
      );
    }
    const request = prepareSecureRequest(method, url, extraParams, postBody, postContentType);
    const work = sendSigned(request, {
      sign: (target) =>
        this._sign(
          oauthToken,
          oauthTokenSecret,
          request.method,
          target,
          request.oauthParams,
          request.body,
          request.contentType,
        ),
      headers: this._headers,
      fetch: this._fetch,
      timeoutMs: this._timeoutMs,
      followRedirects: this._clientOptions.followRedirects,
    });
    work.then(
      ({ data, response }) =>
        deliver(() =>
          response.statusCode >= 200 && response.statusCode <= 299
            ? callback(null, data, response)
            : callback({ statusCode: response.statusCode, data }, data, response),
        ),
      (error: unknown) => deliver(() => callback(error instanceof Error ? error : new Error(String(error)))),
    );
  }

  protected _sign(
    oauthToken: string | null | undefined,
    oauthTokenSecret: string | null | undefined,
    method: string,
    url: URL,
    oauthParams: Record<string, string>,
    body: string | Buffer | undefined,
    contentType: string | undefined,
  ) {
    return signRequest({
      method,
      url,
      consumer: this._consumer,
      token: oauthToken ? { token: oauthToken, secret: oauthTokenSecret ?? '' } : undefined,
      signatureMethod: this._provider.signatureMethod,
      realm: this._provider.realm,
      includeVersion: this._provider.includeVersion,
      oauthParams,
      body: typeof body === 'string' ? body : body === undefined ? undefined : new Uint8Array(body),
      contentType,
      nonce: this._getNonce(this._nonceSize),
      timestamp: this._getTimestamp(),
    });
  }
}
