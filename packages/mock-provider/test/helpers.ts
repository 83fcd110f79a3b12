import {
  type ConsumerCredentials,
  formatOAuthParams,
  type SignatureMethod,
  signRequest,
  type TokenCredentials,
} from '@oauth1a/core';
import type { MockProvider } from '../src/index.js';

export type Transport = 'header' | 'query' | 'body';
export const TRANSPORTS: readonly Transport[] = ['header', 'query', 'body'];

export interface SignedCall {
  method?: string | undefined;
  url: string;
  consumer: ConsumerCredentials;
  token?: TokenCredentials | undefined;
  signatureMethod?: SignatureMethod | undefined;
  transport?: Transport | undefined;
  oauthParams?: Record<string, string> | undefined;
  /** A form body (signed). */
  form?: URLSearchParams | undefined;
  realm?: string | undefined;
  timestamp?: number | undefined;
  nonce?: string | undefined;
}

/** Signs with core's signRequest and sends with the global fetch, over one of the three transports. */
export async function signedFetch(call: SignedCall): Promise<Response> {
  const method = call.method ?? 'POST';
  const transport = call.transport ?? 'header';
  const signed = signRequest({
    method,
    url: call.url,
    consumer: call.consumer,
    token: call.token,
    signatureMethod: call.signatureMethod,
    body: call.form,
    oauthParams: call.oauthParams,
    realm: call.realm,
    timestamp: call.timestamp,
    nonce: call.nonce,
  });
  const url = new URL(call.url);
  const headers: Record<string, string> = {};
  let body: string | undefined = call.form?.toString();
  if (call.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (transport === 'header') {
    headers.authorization = signed.authorization;
  } else if (transport === 'query') {
    url.search =
      url.search === ''
        ? `?${formatOAuthParams(signed.oauthParams)}`
        : `${url.search}&${formatOAuthParams(signed.oauthParams)}`;
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body =
      body === undefined || body === ''
        ? formatOAuthParams(signed.oauthParams)
        : `${body}&${formatOAuthParams(signed.oauthParams)}`;
  }
  const init: RequestInit = { method, headers, redirect: 'manual' };
  if (body !== undefined) init.body = body;
  return fetch(url, init);
}

export async function readParams(response: Response): Promise<Record<string, string>> {
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('json'))
    return JSON.parse(text) as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(text));
}

export interface LoginOptions {
  consumer?: ConsumerCredentials | undefined;
  signatureMethod?: SignatureMethod | undefined;
  transport?: Transport | undefined;
  callback?: string | undefined;
  method?: string | undefined;
  realm?: string | undefined;
  /** Who approves (default: the first user). */
  userId?: string | undefined;
}

/** Leg 1: a request token for the callback. */
export async function requestToken(
  mock: MockProvider,
  options: LoginOptions = {},
): Promise<TokenCredentials> {
  const response = await signedFetch({
    method: options.method ?? 'POST',
    url: mock.provider.requestTokenUrl,
    consumer: options.consumer ?? mock.consumer,
    signatureMethod: options.signatureMethod,
    transport: options.transport,
    oauthParams: { oauth_callback: options.callback ?? 'http://app.test/callback?x=1' },
    realm: options.realm,
  });
  const params = await readParams(response);
  if (response.status !== 200) throw new Error(`request_token ${response.status}: ${JSON.stringify(params)}`);
  return { token: params.oauth_token!, secret: params.oauth_token_secret! };
}

/** The three legs, approval done programmatically: the access token and the full response. */
export async function login(
  mock: MockProvider,
  options: LoginOptions = {},
): Promise<{ token: TokenCredentials; params: Record<string, string> }> {
  const request = await requestToken(mock, options);
  const callback = new URL(mock.approve(request.token, options.userId));
  const verifier = callback.searchParams.get('oauth_verifier')!;
  const response = await signedFetch({
    method: options.method ?? 'POST',
    url: mock.provider.accessTokenUrl,
    consumer: options.consumer ?? mock.consumer,
    token: request,
    signatureMethod: options.signatureMethod,
    transport: options.transport,
    oauthParams: { oauth_verifier: verifier },
    realm: options.realm,
  });
  const params = await readParams(response);
  if (response.status !== 200) throw new Error(`access_token ${response.status}: ${JSON.stringify(params)}`);
  return { token: { token: params.oauth_token!, secret: params.oauth_token_secret! }, params };
}
