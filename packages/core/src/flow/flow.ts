import type { FetchLike } from '../client/send.js';
import { createSignedFetch, type SignedFetch, type Transport } from '../client/signed-fetch.js';
import { OAuth1Error } from '../errors.js';
import type { ConsumerCredentials } from '../signature/sign.js';
import { obtainAccessToken } from './access-token.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { validateConsumer } from './consumer.js';
import { fetchProfile } from './profile.js';
import { type ProviderConfig, validateProviderConfig } from './provider-config.js';
import { obtainRequestToken } from './request-token.js';
import { renewAccessToken } from './session-extension.js';
import {
  addPendingAuthorization,
  authorize,
  type ConsumeResult,
  consumeCallback,
  DEFAULT_MAX_PENDING,
  DEFAULT_PENDING_TTL_MS,
  logout,
} from './state.js';
import type { LegContext } from './token-leg.js';
import type {
  AccessCredentials,
  AuthorizedState,
  CallbackInput,
  FlowState,
  IdleState,
  PendingAuthorization,
  Profile,
} from './types.js';

export interface OAuth1FlowOptions {
  provider: ProviderConfig;
  consumer: ConsumerCredentials;
  /** Injected I/O; default core's own keep-alive node:http transport (or the global `fetch` when it was replaced). */
  fetch?: FetchLike | undefined;
  /** Per outbound call; default 10 000 ms. */
  timeoutMs?: number | undefined;
  /** Injected clock in milliseconds; default `Date.now`. */
  now?: (() => number) | undefined;
  /** How long a pending authorization stays valid; default 10 minutes. */
  pendingTtlMs?: number | undefined;
  /** How many logins may wait at once (browser tabs); default 5, the oldest evicted. */
  maxPending?: number | undefined;
}

export interface BeginInput {
  /** Absolute callback URL, or `'oob'` for the PIN flow. */
  callbackUrl: string;
  /** A same-origin path to come back to; validate it before passing it (the web handler does). */
  returnTo?: string | undefined;
  /** Per-login authorize params, e.g. `{ force_login: 'true', screen_name: 'ada' }`. */
  authorizeParams?: Record<string, string> | undefined;
  /** Per-login request-token params, added to the provider's. */
  requestTokenParams?: Record<string, string> | undefined;
}

export interface BeginResult {
  state: FlowState;
  /** Where to send the user (leg 2). */
  authorizeUrl: string;
  pending: PendingAuthorization;
}

export interface CompleteResult {
  state: AuthorizedState;
  credentials: AccessCredentials;
  returnTo?: string;
  /** The raw "who am I" body, when the provider has a profile mapping (not kept in the state). */
  rawProfile?: unknown;
}

export interface SignedFetchOverrides {
  transport?: Transport;
  includeBodyHash?: boolean;
  timeoutMs?: number;
}

/** The three legs of one provider as an explicit state machine; I/O, clock and fetch injected. */
export interface OAuth1Flow {
  readonly provider: ProviderConfig;
  /** idle → awaiting_authorization: leg 1 and the leg 2 URL. */
  begin(state: FlowState, input: BeginInput): Promise<BeginResult>;
  /** The callback, synchronous: binds and consumes the pending authorization (save the state it returns). */
  consume(state: FlowState, callback: CallbackInput | URLSearchParams): ConsumeResult;
  /** Leg 3 for a consumed authorization, then "who am I" when the provider has a profile mapping. */
  exchange(
    pending: PendingAuthorization,
    verifier: string | undefined,
  ): Promise<{ credentials: AccessCredentials; rawProfile?: unknown }>;
  /** consume + exchange in one step, for callers that keep no state between the two (a CLI). */
  complete(state: FlowState, callback: CallbackInput | URLSearchParams): Promise<CompleteResult>;
  logout(state: FlowState): IdleState;
  fetchProfile(
    credentials: Pick<AccessCredentials, 'token' | 'tokenSecret'>,
  ): Promise<{ profile: Profile; raw: unknown }>;
  /** Renews the access token with its `oauth_session_handle`. */
  refresh(credentials: AccessCredentials): Promise<AccessCredentials>;
  /** A signed `fetch` for API calls; with no credentials it signs two-legged (consumer only). */
  signedFetch(
    credentials?: Pick<AccessCredentials, 'token' | 'tokenSecret'>,
    overrides?: SignedFetchOverrides,
  ): SignedFetch;
}

function callbackFields(
  callback: CallbackInput | URLSearchParams,
  verifierParam = 'oauth_verifier',
): CallbackInput {
  if (!(callback instanceof URLSearchParams)) return callback;
  return {
    oauth_token: callback.get('oauth_token'),
    // A provider that names the verifier differently says so in its config (verifierParam).
    oauth_verifier: callback.get(verifierParam) ?? callback.get('oauth_verifier'),
    denied: callback.get('denied'),
    oauth_problem: callback.get('oauth_problem'),
  };
}

/** Creates the flow for one provider, validating the provider config and consumer credentials. */
export function createOAuth1Flow(options: OAuth1FlowOptions): OAuth1Flow {
  if (typeof options !== 'object' || options === null) {
    throw new OAuth1Error('invalid_config', 'createOAuth1Flow expects { provider, consumer }');
  }
  const provider = validateProviderConfig(options.provider);
  const consumer = validateConsumer(options.consumer, provider.signatureMethod ?? 'HMAC-SHA1');
  const now = options.now ?? Date.now;
  const ttlMs = options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  const context: LegContext = { provider, consumer, fetch: options.fetch, timeoutMs: options.timeoutMs };

  const flow: OAuth1Flow = {
    provider,
    async begin(state, input) {
      const callbackUrl = input.callbackUrl;
      if (callbackUrl !== 'oob') {
        try {
          const url = new URL(callbackUrl);
          if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
        } catch {
          throw new OAuth1Error(
            'invalid_config',
            'callbackUrl must be an absolute http(s) URL, or "oob" for the PIN flow',
          );
        }
      }
      const token = await obtainRequestToken(context, { callbackUrl, params: input.requestTokenParams });
      const pending: PendingAuthorization = {
        providerId: provider.id,
        requestToken: token.requestToken,
        requestTokenSecret: token.requestTokenSecret,
        callbackUrl,
        createdAt: now(),
      };
      if (input.returnTo !== undefined) pending.returnTo = input.returnTo;
      const next = addPendingAuthorization(state, pending, { now: pending.createdAt, ttlMs, maxPending });
      const authorizeUrl = buildAuthorizeUrl(
        provider,
        token.requestToken,
        callbackUrl,
        input.authorizeParams,
      );
      return { state: next, authorizeUrl, pending };
    },
    consume(state, callback) {
      return consumeCallback(state, callbackFields(callback, provider.verifierParam), {
        now: now(),
        ttlMs,
        sendsVerifier: provider.sendsVerifier,
      });
    },
    async exchange(pending, verifier) {
      const access = await obtainAccessToken(context, pending, verifier);
      const credentials: AccessCredentials = {
        providerId: provider.id,
        token: access.token,
        tokenSecret: access.tokenSecret,
        params: access.fields,
        authorizedAt: now(),
      };
      if (provider.profile === undefined) return { credentials };
      const { profile, raw } = await fetchProfile(context, {
        token: access.token,
        secret: access.tokenSecret,
      });
      credentials.profile = profile;
      return { credentials, rawProfile: raw };
    },
    async complete(state, callback) {
      const consumed = flow.consume(state, callback);
      if (!consumed.ok) throw consumed.error;
      const { credentials, rawProfile } = await flow.exchange(consumed.pending, consumed.verifier);
      const result: CompleteResult = { state: authorize(consumed.state, credentials), credentials };
      if (consumed.pending.returnTo !== undefined) result.returnTo = consumed.pending.returnTo;
      if (rawProfile !== undefined) result.rawProfile = rawProfile;
      return result;
    },
    logout,
    fetchProfile(credentials) {
      return fetchProfile(context, { token: credentials.token, secret: credentials.tokenSecret });
    },
    refresh(credentials) {
      return renewAccessToken(context, credentials, now());
    },
    signedFetch(credentials, overrides = {}) {
      return createSignedFetch({
        consumer,
        token:
          credentials === undefined
            ? undefined
            : { token: credentials.token, secret: credentials.tokenSecret },
        signatureMethod: provider.signatureMethod,
        realm: provider.realm,
        includeVersion: provider.includeVersion,
        fetch: options.fetch,
        timeoutMs: overrides.timeoutMs ?? options.timeoutMs,
        transport: overrides.transport,
        includeBodyHash: overrides.includeBodyHash,
      });
    },
  };
  return flow;
}
