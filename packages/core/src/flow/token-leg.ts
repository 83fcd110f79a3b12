import { providerError } from '../client/provider-error.js';
import { DEFAULT_TIMEOUT_MS, type FetchLike, readBodyText, sendPrepared } from '../client/send.js';
import { OAuth1Error, type OAuth1ErrorCode } from '../errors.js';
import { type ConsumerCredentials, signRequest, type TokenCredentials } from '../signature/sign.js';
import type { ProviderConfig } from './provider-config.js';
import { parseTokenResponse } from './token-response.js';

export interface LegContext {
  provider: ProviderConfig;
  consumer: ConsumerCredentials;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

export interface TokenLegRequest {
  purpose: string;
  failureCode: OAuth1ErrorCode;
  method: 'GET' | 'POST';
  url: string;
  /** Extra (non-protocol) parameters, sent in the query so that every provider signs them alike. */
  params?: Record<string, string> | undefined;
  oauthParams: Record<string, string>;
  token?: TokenCredentials | undefined;
  hint?: string;
}

/** The token and secret of a token endpoint's answer, plus every other field it returned. */
export interface TokenLegResult {
  token: string;
  tokenSecret: string;
  fields: Record<string, string>;
}

/**
 * Sends one signed token request (leg 1, leg 3 or a session renewal) and validates the answer: a 2xx
 * status and both `oauth_token` and `oauth_token_secret`. RFC 5849 sections 2.1 and 2.3.
 */
export async function sendTokenLeg(context: LegContext, leg: TokenLegRequest): Promise<TokenLegResult> {
  const url = new URL(leg.url);
  for (const [name, value] of Object.entries(leg.params ?? {})) url.searchParams.append(name, value);
  const signed = signRequest({
    method: leg.method,
    url,
    consumer: context.consumer,
    token: leg.token,
    signatureMethod: context.provider.signatureMethod,
    realm: context.provider.realm,
    oauthParams: leg.oauthParams,
    includeVersion: context.provider.includeVersion,
  });
  const headers = new Headers({
    authorization: signed.authorization,
    accept: 'application/x-www-form-urlencoded, application/json;q=0.9, */*;q=0.1',
  });
  // The deadline covers the answer's headers and body alike.
  const response = await sendPrepared({ url, method: leg.method, headers, body: null }, undefined, {
    fetch: context.fetch,
    timeoutMs: context.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    purpose: leg.purpose,
  });
  const body = await readBodyText(response, undefined, leg.purpose);
  // What this leg sent that a provider may echo back: the verifier and session handle are secrets too.
  const secrets = [
    context.consumer.secret,
    leg.token?.secret,
    leg.oauthParams.oauth_verifier,
    leg.oauthParams.oauth_session_handle,
  ];
  if (!response.ok) {
    throw providerError({
      code: leg.failureCode,
      purpose: leg.purpose,
      response,
      body,
      secrets,
      ...(leg.hint === undefined ? {} : { hint: leg.hint }),
    });
  }
  // A 2xx answer that is not a usable token response: the error still carries the redacted excerpt.
  const invalidResponse = (detail: string, cause?: unknown): OAuth1Error => {
    const excerpt = providerError({
      code: 'invalid_provider_response',
      purpose: leg.purpose,
      response,
      body,
      secrets,
    });
    return new OAuth1Error('invalid_provider_response', `${leg.purpose}: ${detail}`, {
      ...(excerpt.provider === undefined ? {} : { provider: excerpt.provider }),
      ...(cause === undefined ? {} : { cause }),
    });
  };
  let fields: Record<string, string>;
  try {
    fields = parseTokenResponse(body, response.headers.get('content-type'), context.provider.tokenResponse);
  } catch (cause) {
    throw invalidResponse((cause as Error).message.replace(/ \(oauth1a:.*$/, ''), cause);
  }
  const tokenField = context.provider.tokenFields?.token ?? 'oauth_token';
  const secretField = context.provider.tokenFields?.secret ?? 'oauth_token_secret';
  const token = fields[tokenField];
  const tokenSecret = fields[secretField];
  if (!token || tokenSecret === undefined) {
    const missing = [token ? '' : tokenField, tokenSecret === undefined ? secretField : ''].filter(Boolean);
    throw invalidResponse(
      `the provider's answer has no ${missing.join(' or ')}; check tokenResponse, tokenFields and the endpoint URL`,
    );
  }
  const rest = { ...fields };
  delete rest[tokenField];
  delete rest[secretField];
  return { token, tokenSecret, fields: rest };
}
