import { formatOAuthParams, type SignInput, signRequest } from '../../src/index.js';

export type Transport = 'header' | 'query' | 'body';
const FORM = 'application/x-www-form-urlencoded';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Signs `input` and lays the protocol parameters out as a client sends them: in the Authorization
 * header, or `formatOAuthParams(oauthParams)` appended to the query or to the form body.
 * RFC 5849 section 3.5.
 */
export function signedWireRequest(input: SignInput, transport: Transport = 'header'): WireRequest {
  const signed = signRequest(input);
  const url = new URL(input.url);
  const headers: Record<string, string> = {};
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  let body =
    input.body === undefined
      ? undefined
      : input.body instanceof Uint8Array
        ? Buffer.from(input.body).toString('utf8')
        : String(input.body);
  const protocol = formatOAuthParams(signed.oauthParams);
  if (transport === 'header') {
    headers.authorization = signed.authorization;
  } else if (transport === 'query') {
    url.search = url.search === '' || url.search === '?' ? protocol : `${url.search.slice(1)}&${protocol}`;
  } else {
    headers['content-type'] = FORM;
    body = body === undefined || body === '' ? protocol : `${body}&${protocol}`;
  }
  const request: WireRequest = { method: input.method, url: url.href, headers };
  if (body !== undefined) request.body = body;
  return request;
}
