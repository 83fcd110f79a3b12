import {
  baseStringUri,
  type FetchLike,
  normalizeParameters,
  type Parameter,
  parseAuthorizationHeader,
  signatureBaseString,
} from '@oauth1a/core';
import type { Output } from './output.js';

const isForm = (contentType: string | null): boolean =>
  contentType?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';

/**
 * The signature base string of a request as it goes on the wire, recomputed the way a provider does:
 * query, form body and OAuth parameters (header, query or body), `oauth_signature` and `realm` left out.
 * RFC 5849 section 3.4.1.
 */
export async function wireBaseString(request: Request): Promise<string> {
  const url = new URL(request.url);
  const params: Parameter[] = [...url.searchParams];
  if (request.body !== null && isForm(request.headers.get('content-type'))) {
    params.push(...new URLSearchParams(await request.clone().text()));
  }
  const authorization = request.headers.get('authorization');
  if (authorization !== null && /^oauth\s/i.test(authorization)) {
    params.push(...Object.entries(parseAuthorizationHeader(authorization).params));
  }
  const signed = params.filter(([name]) => name !== 'oauth_signature' && name !== 'realm');
  return signatureBaseString(request.method, baseStringUri(url), normalizeParameters(signed));
}

function headerLines(prefix: string, headers: Headers): string[] {
  return [...headers].map(([name, value]) => `${prefix} ${name}: ${value}`);
}

/** A fetch that prints each hop (request line, base string, headers, response status) to stderr. */
export function verboseFetch(out: Output): FetchLike {
  return async (request) => {
    out.err(`> ${request.method} ${request.url}`);
    out.err(`* base string: ${await wireBaseString(request)}`);
    for (const line of headerLines('>', request.headers)) out.err(line);
    const response = await globalThis.fetch(request);
    out.err(`< ${response.status} ${response.statusText}`);
    for (const line of headerLines('<', response.headers)) out.err(line);
    return response;
  };
}
