// Runs a preset's whole flow against an injected fetch that records every Request (the network edge)
// and answers like a well-behaved provider, so a test can assert exactly what the preset sends.
import {
  type AccessCredentials,
  type ConsumerCredentials,
  createOAuth1Flow,
  type FetchLike,
  IDLE,
  type OAuth1Flow,
  type ProviderConfig,
  parseAuthorizationHeader,
} from '../../src/index.js';

export interface Captured {
  method: string;
  url: URL;
  headers: Headers;
  /** The Authorization header's realm and oauth_* params. */
  oauth: Record<string, string>;
  realm: string | undefined;
}

export interface CaptureOptions {
  consumer?: ConsumerCredentials;
  /** Extra fields of the access-token answer (edam_*, oauth_session_handle, ...). */
  accessFields?: Record<string, string>;
  /** The "who am I" body. */
  profileBody?: unknown;
  authorizeParams?: Record<string, string>;
  /** Wraps the recording fetch (Discogs' User-Agent fetch). */
  wrapFetch?: (fetch: FetchLike) => FetchLike;
}

export interface CaptureResult {
  requests: Captured[];
  authorizeUrl: URL;
  credentials: AccessCredentials;
  flow: OAuth1Flow;
}

export const HMAC_CONSUMER: ConsumerCredentials = { key: 'ck', secret: 'cs' };

function record(request: Request): Captured {
  const header = request.headers.get('authorization');
  const parsed = header === null ? { params: {} } : parseAuthorizationHeader(header);
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    oauth: parsed.params,
    realm: (parsed as { realm?: string }).realm,
  };
}

/** begin → (the user approves) → complete, answered by a scripted provider; every Request recorded. */
export async function capture(
  provider: ProviderConfig,
  options: CaptureOptions = {},
): Promise<CaptureResult> {
  const requests: Captured[] = [];
  const answer = (body: string, type = 'application/x-www-form-urlencoded') =>
    new Response(body, { status: 200, headers: { 'content-type': type } });
  const recording: FetchLike = async (request) => {
    const seen = record(request);
    requests.push(seen);
    if (seen.oauth.oauth_token === undefined)
      return answer('oauth_token=rt&oauth_token_secret=rts&oauth_callback_confirmed=true');
    if (seen.oauth.oauth_token === 'rt') {
      const fields = new URLSearchParams({
        oauth_token: 'at',
        oauth_token_secret: 'ats',
        ...options.accessFields,
      });
      return answer(fields.toString());
    }
    return answer(JSON.stringify(options.profileBody ?? {}), 'application/json');
  };
  const flow = createOAuth1Flow({
    provider,
    consumer: options.consumer ?? HMAC_CONSUMER,
    fetch: options.wrapFetch ? options.wrapFetch(recording) : recording,
  });
  const begun = await flow.begin(IDLE, {
    callbackUrl: 'https://app.example/callback',
    authorizeParams: options.authorizeParams,
  });
  const callback: Record<string, string> = { oauth_token: 'rt' };
  if (provider.sendsVerifier !== false) callback.oauth_verifier = 'v';
  const { credentials } = await flow.complete(begun.state, callback);
  return { requests, authorizeUrl: new URL(begun.authorizeUrl), credentials, flow };
}

/** The authorize URL's query without oauth_token, as a plain object. */
export function authorizeQuery(url: URL): Record<string, string> {
  const params = Object.fromEntries(url.searchParams);
  delete params.oauth_token;
  return params;
}
