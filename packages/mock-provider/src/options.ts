import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { SIGNATURE_METHODS, type SignatureMethod } from '@oauth1a/core';
import type { EndpointName, Fault } from './faults.js';
import type { LogEntry } from './http.js';

/** A user who can sign in on the authorize page. */
export interface MockUser {
  id: string;
  screenName: string;
  name: string;
}

/** A registered consumer (client application). */
export interface MockConsumer {
  key: string;
  /** Shared secret for the HMAC methods and PLAINTEXT. */
  secret?: string;
  /** PEM public key (or certificate) for RSA-SHA1 / RSA-SHA256. Derived from `privateKey` when absent. */
  publicKey?: string | KeyObject;
  /** PEM private key; the provider never needs it, it is handed back to tests in `mock.consumer`. */
  privateKey?: string;
  /** Shown on the authorize page. */
  name?: string;
  /** The registered callback (OAuth 1.0 mode, when the authorize URL carries none). */
  callbackUrl?: string;
}

export interface MockProviderOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default: Ada Lovelace (1001, ada) and Grace Hopper (1002, grace). */
  users?: readonly MockUser[];
  /** Default: one HMAC consumer with a random key and secret (an RSA one when only RSA methods are allowed). */
  consumers?: readonly MockConsumer[];
  /** Accepted signature methods; default all six. */
  signatureMethods?: readonly SignatureMethod[];
  /** Token responses as `application/x-www-form-urlencoded` (default) or JSON. */
  tokenResponse?: 'urlencoded' | 'json';
  /** A realm every request must name in its Authorization header. */
  realm?: string;
  /** OAuth 1.0 (no `oauth_callback_confirmed`, no verifier; callback from the authorize URL). */
  oauth10?: boolean;
  /** Methods accepted by the token legs; default `'POST'`. */
  tokenLegMethod?: 'POST' | 'GET' | 'any';
  /** One URL for both token legs (Evernote): `true` for `/oauth`, or a path. */
  sharedTokenUrl?: boolean | string;
  /** Yahoo style `oauth_session_handle` + `oauth_expires_in`, and token renewal. */
  sessionHandles?: boolean;
  /** Lifetime of access tokens when `sessionHandles` is on; default one hour. */
  accessTokenTtlMs?: number;
  /**
   * Added to the access-token response. Default `{ user_id, screen_name }` of the approving user; an
   * object is merged over that default; `false` sends none.
   */
  extraTokenParams?: Record<string, string> | false;
  /** How a denial reaches the callback: `denied=<token>` (X, default) or `oauth_problem=user_refused`. */
  denialStyle?: 'denied' | 'oauth_problem';
  /** Default 10 minutes. */
  requestTokenTtlMs?: number;
  /** Allowed clock difference for `oauth_timestamp`, in seconds; default 300. */
  timestampToleranceSeconds?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** GET /oauth/authorize redirects at once, approved by the first user. */
  autoApprove?: boolean;
  /** Faults per endpoint, from the start; change them later with `mock.setFault()`. */
  faults?: Partial<Record<EndpointName, Fault>>;
  /** Request bodies above this many bytes get a 413; default 1 MiB. */
  maxBodyBytes?: number;
  /** Oldest log entries are dropped past this many; default 10 000. */
  maxLogEntries?: number;
  /** Called with each log entry once its response is finished (or its connection closed). */
  onRequest?: (entry: LogEntry) => void;
  /**
   * The JSON body of GET /api/whoami for a user, to mimic a provider's "who am I" shape (X's
   * `{ id_str, screen_name }`, Trello's `{ id, fullName }`, ...). Default `{ id, screen_name, name }`.
   */
  whoami?: (user: MockUser) => unknown;
  /** Two-legged APIs (WooCommerce): /api/echo also accepts requests signed with the consumer only. */
  twoLegged?: boolean;
}

export interface ResolvedConsumer {
  key: string;
  secret?: string;
  publicKey?: string | KeyObject;
  privateKey?: string;
  name: string;
  callbackUrl?: string;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  users: readonly MockUser[];
  consumers: readonly ResolvedConsumer[];
  signatureMethods: readonly SignatureMethod[];
  tokenResponse: 'urlencoded' | 'json';
  realm?: string;
  oauth10: boolean;
  tokenLegMethod: 'POST' | 'GET' | 'any';
  sharedTokenPath?: string;
  sessionHandles: boolean;
  accessTokenTtlMs: number;
  extraTokenParams: Record<string, string> | false;
  denialStyle: 'denied' | 'oauth_problem';
  requestTokenTtlMs: number;
  timestampToleranceSeconds: number;
  now: () => number;
  autoApprove: boolean;
  maxBodyBytes: number;
  maxLogEntries: number;
  onRequest?: (entry: LogEntry) => void;
  whoami?: (user: MockUser) => unknown;
  twoLegged: boolean;
}

export const DEFAULT_USERS: readonly MockUser[] = [
  { id: '1001', screenName: 'ada', name: 'Ada Lovelace' },
  { id: '1002', screenName: 'grace', name: 'Grace Hopper' },
];

/** A random URL-safe string of `bytes` random bytes (for keys, tokens, secrets and verifiers). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** A fresh 2048-bit RSA key pair as PEM strings, for an RSA consumer in tests. */
export function generateRsaKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function fail(message: string): never {
  throw new TypeError(`@oauth1a/mock-provider: ${message}`);
}

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(`${name} must be a non-negative number`);
  return value;
}

function resolveConsumer(consumer: MockConsumer, index: number): ResolvedConsumer {
  if (typeof consumer?.key !== 'string' || consumer.key === '')
    fail(`consumers[${index}].key must be a non-empty string`);
  const resolved: ResolvedConsumer = { key: consumer.key, name: consumer.name ?? 'Mock App' };
  if (consumer.secret !== undefined) resolved.secret = consumer.secret;
  if (consumer.privateKey !== undefined) resolved.privateKey = consumer.privateKey;
  if (consumer.publicKey !== undefined) resolved.publicKey = consumer.publicKey;
  else if (consumer.privateKey !== undefined)
    resolved.publicKey = createPublicKey(consumer.privateKey).export({
      type: 'spki',
      format: 'pem',
    }) as string;
  if (resolved.secret === undefined && resolved.publicKey === undefined)
    fail(`consumers[${index}] needs a secret (HMAC, PLAINTEXT) or a publicKey/privateKey (RSA)`);
  if (consumer.callbackUrl !== undefined) resolved.callbackUrl = consumer.callbackUrl;
  return resolved;
}

function normalizePath(path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/'))
    fail('sharedTokenUrl must be true or a path such as "/oauth"');
  return path;
}

/** Defaults filled in and every option checked, with a message naming what to pass instead. */
export function resolveOptions(options: MockProviderOptions = {}): ResolvedOptions {
  const signatureMethods = options.signatureMethods ?? SIGNATURE_METHODS;
  if (signatureMethods.length === 0) fail('signatureMethods must name at least one method');
  for (const method of signatureMethods)
    if (!(SIGNATURE_METHODS as readonly string[]).includes(method))
      fail(`signatureMethods: unknown method ${JSON.stringify(method)}; use ${SIGNATURE_METHODS.join(', ')}`);
  const users = options.users ?? DEFAULT_USERS;
  if (users.length === 0) fail('users must hold at least one user');
  const onlyRsa = signatureMethods.every((method) => method.startsWith('RSA-'));
  let consumers: readonly ResolvedConsumer[];
  if (options.consumers === undefined) {
    const consumer: ResolvedConsumer = { key: `ck_${randomToken(12)}`, name: 'Mock App' };
    if (onlyRsa) {
      const pair = generateRsaKeyPair();
      consumer.privateKey = pair.privateKey;
      consumer.publicKey = pair.publicKey;
    } else {
      consumer.secret = randomToken(24);
    }
    consumers = [consumer];
  } else {
    if (options.consumers.length === 0) fail('consumers must hold at least one consumer');
    consumers = options.consumers.map(resolveConsumer);
  }
  if (options.tokenResponse !== undefined && !['urlencoded', 'json'].includes(options.tokenResponse))
    fail('tokenResponse must be "urlencoded" or "json"');
  if (options.tokenLegMethod !== undefined && !['POST', 'GET', 'any'].includes(options.tokenLegMethod))
    fail('tokenLegMethod must be "POST", "GET" or "any"');
  if (options.denialStyle !== undefined && !['denied', 'oauth_problem'].includes(options.denialStyle))
    fail('denialStyle must be "denied" or "oauth_problem"');
  const resolved: ResolvedOptions = {
    port: positive(options.port, 'port', 0),
    host: options.host ?? '127.0.0.1',
    users,
    consumers,
    signatureMethods,
    tokenResponse: options.tokenResponse ?? 'urlencoded',
    oauth10: options.oauth10 === true,
    tokenLegMethod: options.tokenLegMethod ?? 'POST',
    sessionHandles: options.sessionHandles === true,
    accessTokenTtlMs: positive(options.accessTokenTtlMs, 'accessTokenTtlMs', 60 * 60 * 1000),
    extraTokenParams: options.extraTokenParams ?? {},
    denialStyle: options.denialStyle ?? 'denied',
    requestTokenTtlMs: positive(options.requestTokenTtlMs, 'requestTokenTtlMs', 10 * 60 * 1000),
    timestampToleranceSeconds: positive(options.timestampToleranceSeconds, 'timestampToleranceSeconds', 300),
    now: options.now ?? Date.now,
    autoApprove: options.autoApprove === true,
    maxBodyBytes: positive(options.maxBodyBytes, 'maxBodyBytes', 1024 * 1024),
    maxLogEntries: positive(options.maxLogEntries, 'maxLogEntries', 10_000),
    twoLegged: options.twoLegged === true,
  };
  if (options.whoami !== undefined) {
    if (typeof options.whoami !== 'function') fail('whoami must be a function (user) => JSON body');
    resolved.whoami = options.whoami;
  }
  if (options.realm !== undefined) resolved.realm = options.realm;
  if (options.onRequest !== undefined) resolved.onRequest = options.onRequest;
  if (options.sharedTokenUrl !== undefined && options.sharedTokenUrl !== false)
    resolved.sharedTokenPath =
      options.sharedTokenUrl === true ? '/oauth' : normalizePath(options.sharedTokenUrl);
  return resolved;
}
