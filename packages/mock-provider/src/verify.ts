import { type VerifiedRequest, verifyRequest } from '@oauth1a/core';
import { type Exchange, Problem } from './http.js';
import type { ResolvedOptions } from './options.js';
import type { Store, TokenRecord } from './store.js';

/** What the provider shares with every endpoint. */
export interface Context {
  options: ResolvedOptions;
  store: Store;
  /** `http://127.0.0.1:<port>` once listening. */
  baseUrl: string;
}

/** Which tokens an endpoint accepts in `oauth_token`. */
export type TokenKinds = 'none' | 'request' | 'access' | 'request_or_access';

export interface Verified {
  request: VerifiedRequest;
  /** The token record, when the request carried a token. */
  record?: TokenRecord;
}

function accepts(kinds: TokenKinds, record: TokenRecord): boolean {
  if (kinds === 'request_or_access') return true;
  return kinds === record.kind;
}

/**
 * Verifies the request's signature with core's `verifyRequest` against the store's consumers, tokens
 * and nonces. Failures throw core's `verification_failed` error, which the server answers as an
 * `oauth_problem`. Request tokens already exchanged are recognised (so that a valid signature over a
 * reused token is answered `token_used`, not `token_rejected`).
 */
export async function verify(
  ctx: Context,
  ex: Exchange,
  kinds: TokenKinds,
  requireToken = false,
): Promise<Verified> {
  const { store, options } = ctx;
  let record: TokenRecord | undefined;
  const input: Parameters<typeof verifyRequest>[0] = {
    method: ex.req.method ?? 'GET',
    url: ex.url,
    headers: ex.req.headers,
    body: ex.body === undefined || ex.body.length === 0 ? undefined : ex.body.toString('utf8'),
    lookupConsumer: (key) => {
      const consumer = store.consumers.get(key);
      if (consumer === undefined) return undefined;
      return {
        ...(consumer.secret === undefined ? {} : { secret: consumer.secret }),
        ...(consumer.publicKey === undefined ? {} : { publicKey: consumer.publicKey }),
      };
    },
    lookupToken: (token, consumerKey) => {
      if (kinds === 'none') return undefined;
      const found = store.token(token);
      if (found === undefined || found.consumerKey !== consumerKey || !accepts(kinds, found))
        return undefined;
      record = found;
      return { secret: found.secret };
    },
    checkNonce: (nonce, timestamp, consumerKey, token) =>
      store.checkNonce(nonce, timestamp, consumerKey, token),
    signatureMethods: options.signatureMethods,
    timestampToleranceSeconds: options.timestampToleranceSeconds,
    now: options.now,
    requireToken,
  };
  if (options.realm !== undefined) input.realm = options.realm;
  const request = await verifyRequest(input);
  ex.entry.consumerKey = request.consumerKey;
  if (request.token !== undefined) ex.entry.token = request.token;
  return record === undefined ? { request } : { request, record };
}

/** 405 unless the token legs accept this method (`tokenLegMethod`). */
export function checkTokenLegMethod(ctx: Context, ex: Exchange): void {
  const allowed = ctx.options.tokenLegMethod;
  if (allowed === 'any') return;
  if (ex.req.method !== allowed) {
    throw new Problem('parameter_rejected', 405, `this provider's token endpoints accept ${allowed} only`, {
      allow: allowed,
    });
  }
}
