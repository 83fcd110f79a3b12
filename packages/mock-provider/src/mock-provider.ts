import type { AddressInfo } from 'node:net';
import type { ProviderConfig, SignatureMethod } from '@oauth1a/core';
import { approve, deny, pendingToken } from './endpoints/authorize.js';
import { type EndpointName, type Fault, FaultTable } from './faults.js';
import { type LogEntry, Problem } from './http.js';
import {
  type MockProviderOptions,
  type MockUser,
  type ResolvedConsumer,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { createMockServer, Delays, PATHS } from './server.js';
import { Store } from './store.js';
import type { Context } from './verify.js';

/** A consumer's credentials as a client signs with them. */
export interface MockConsumerCredentials {
  key: string;
  secret?: string;
  privateKey?: string;
}

export interface MockEndpoints {
  requestToken: string;
  authorize: string;
  accessToken: string;
  whoami: string;
  echo: string;
  revoke: string;
}

export interface MockProvider {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** A ProviderConfig pointing at this provider and reflecting its options. */
  provider: ProviderConfig;
  /** The first (default) consumer's credentials. */
  consumer: MockConsumerCredentials;
  /** Every configured consumer's credentials. */
  consumers: MockConsumerCredentials[];
  users: readonly MockUser[];
  /** The absolute URLs of the endpoints. */
  endpoints: MockEndpoints;
  /** Every handled request, oldest first. */
  log: LogEntry[];
  /**
   * Approves a pending request token as `userId` (default: the first user) without a browser: the
   * callback URL with `oauth_token` and `oauth_verifier`. For `oob` it is `oob?oauth_token=...&oauth_verifier=...`.
   */
  approve(requestToken: string, userId?: string): string;
  /** Denies a pending request token: the callback URL with `denied` (or `oauth_problem=user_refused`). */
  deny(requestToken: string): string;
  /**
   * Revokes an access token as a user would in the provider's settings: every later call with it gets
   * 401 `token_rejected`. False when the token is unknown.
   */
  revokeToken(accessToken: string): boolean;
  /** Expires an access token now: calls get 401 `token_expired` (renewable with a session handle). */
  expireToken(accessToken: string): boolean;
  /** Sets (or, with undefined, clears) the fault of one endpoint. */
  setFault(endpoint: EndpointName, fault: Fault | undefined): void;
  /** How many nonces are remembered (they are pruned lazily). */
  readonly nonceCount: number;
  /** Stops listening, closes every socket (keep-alive included) and clears every timer. */
  close(): Promise<void>;
}

function credentials(consumer: ResolvedConsumer): MockConsumerCredentials {
  const out: MockConsumerCredentials = { key: consumer.key };
  if (consumer.secret !== undefined) out.secret = consumer.secret;
  if (consumer.privateKey !== undefined) out.privateKey = consumer.privateKey;
  return out;
}

/** The signature method a client should use with the first consumer, when HMAC-SHA1 will not do. */
function preferredMethod(options: ResolvedOptions): SignatureMethod | undefined {
  const consumer = options.consumers[0]!;
  const usable = options.signatureMethods.filter((method) =>
    method.startsWith('RSA-') ? consumer.privateKey !== undefined : consumer.secret !== undefined,
  );
  if (usable.includes('HMAC-SHA1')) return undefined;
  return usable[0] ?? options.signatureMethods[0];
}

function providerConfig(options: ResolvedOptions, endpoints: MockEndpoints, url: string): ProviderConfig {
  const shared = options.sharedTokenPath === undefined ? undefined : `${url}${options.sharedTokenPath}`;
  const config: ProviderConfig = {
    id: 'mock',
    name: 'Mock Provider',
    requestTokenUrl: shared ?? endpoints.requestToken,
    authorizeUrl: endpoints.authorize,
    accessTokenUrl: shared ?? endpoints.accessToken,
    tokenResponse: options.tokenResponse,
    profile: { url: endpoints.whoami, id: 'id', name: 'screen_name' },
    apiBaseUrl: `${url}/api/`,
    revoke: { url: endpoints.revoke },
  };
  const method = preferredMethod(options);
  if (method !== undefined) config.signatureMethod = method;
  if (options.realm !== undefined) config.realm = options.realm;
  if (options.tokenLegMethod === 'GET') {
    config.requestTokenMethod = 'GET';
    config.accessTokenMethod = 'GET';
  }
  // Session handles come with oauth_expires_in: a stored connection reads its expiry from there.
  if (options.sessionHandles) config.expiry = { field: 'oauth_expires_in', format: 'seconds' };
  if (options.oauth10) {
    config.callbackConfirmed = false;
    config.sendsVerifier = false;
    config.callbackOnAuthorizeUrl = true;
  }
  return config;
}

function baseUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function decisionUrl(decision: { location?: string; verifier?: string }, token: string): string {
  if (decision.location !== undefined) return decision.location;
  const params = new URLSearchParams({ oauth_token: token });
  if (decision.verifier !== undefined) params.set('oauth_verifier', decision.verifier);
  return `oob?${params}`;
}

function rethrowAsError(error: unknown): never {
  if (error instanceof Problem) throw new Error(`@oauth1a/mock-provider: ${error.problem}: ${error.message}`);
  throw error;
}

/**
 * Starts a strict OAuth 1.0a provider on 127.0.0.1 (a free port by default). Every signature is checked
 * with core's `verifyRequest`. Close it with `close()`; it leaves no socket or timer behind.
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const resolved = resolveOptions(options);
  const store = new Store(resolved);
  const ctx: Context = { options: resolved, store, baseUrl: '' };
  const faults = new FaultTable();
  for (const [endpoint, fault] of Object.entries(options.faults ?? {}))
    faults.set(endpoint as EndpointName, fault);
  const log: LogEntry[] = [];
  const delays = new Delays();
  const server = createMockServer({ ctx, faults, log, delays });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = baseUrl(resolved.host, port);
  ctx.baseUrl = url;
  const endpoints: MockEndpoints = {
    requestToken: `${url}${PATHS.requestToken}`,
    authorize: `${url}${PATHS.authorize}`,
    accessToken: `${url}${PATHS.accessToken}`,
    whoami: `${url}${PATHS.whoami}`,
    echo: `${url}${PATHS.echo}`,
    revoke: `${url}${PATHS.revoke}`,
  };
  let closing: Promise<void> | undefined;

  return {
    url,
    provider: providerConfig(resolved, endpoints, url),
    consumer: credentials(resolved.consumers[0]!),
    consumers: resolved.consumers.map(credentials),
    users: resolved.users,
    endpoints,
    log,
    approve(requestToken, userId) {
      try {
        const record = pendingToken(ctx, requestToken);
        return decisionUrl(approve(ctx, record, userId ?? resolved.users[0]!.id), requestToken);
      } catch (error) {
        return rethrowAsError(error);
      }
    },
    deny(requestToken) {
      try {
        return decisionUrl(deny(ctx, pendingToken(ctx, requestToken)), requestToken);
      } catch (error) {
        return rethrowAsError(error);
      }
    },
    revokeToken(accessToken) {
      if (!store.hasAccessToken(accessToken)) return false;
      store.revoke(accessToken);
      return true;
    },
    expireToken(accessToken) {
      return store.expire(accessToken);
    },
    setFault(endpoint, fault) {
      faults.set(endpoint, fault);
    },
    get nonceCount() {
      return store.nonceCount;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        delays.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
