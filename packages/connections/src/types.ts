import type { ConsumerCredentials, FetchLike, ProviderConfig } from '@oauth1a/core';
import type { ConnectionStore } from './store.js';

/** A connection's health: `needs_reauth` once the provider turned its token down or it expired. */
export type ConnectionStatus = 'active' | 'needs_reauth';

/** Why a connection needs re-authorization (or why its last test failed). Never holds a secret. */
export interface ConnectionError {
  code: string;
  message: string;
}

/** One authorized account at one provider, as an app shows it. Never holds a secret. */
export interface Connection {
  id: string;
  /** The app's user who owns it. */
  owner: string;
  /** The provider's key in `providers`. */
  provider: string;
  /** The account's id at the provider ("who am I", or the access-token answer). */
  uid: string;
  name?: string;
  /** The owner's own name for it. */
  label?: string;
  status: ConnectionStatus;
  createdAt: string;
  updatedAt: string;
  expiresAt?: string;
  lastCheckedAt?: string;
  lastError?: ConnectionError;
  /** Per-connection settings (a NetSuite account id): not secret, stored in plain. */
  settings?: Record<string, string>;
}

/** What `onChange` receives after a change is stored. */
export interface ConnectionEvent {
  type: 'connected' | 'reconnected' | 'needs_reauth' | 'active' | 'renamed' | 'removed';
  connection: Connection;
}

/** One provider an app offers: its config (or a factory of per-connection settings) and the app's consumer. */
export interface ProviderEntry {
  provider: ProviderConfig | ((settings: Record<string, string>) => ProviderConfig);
  /** The app's consumer; optional when every `connect()` / `importToken()` brings its own. */
  consumer?: ConsumerCredentials;
}

/** `secret` seals token, request-token and consumer secrets at rest; a map `{ 1: old, 2: new }` rotates (the highest id seals). */
export type ConnectionsSecret = string | Record<number, string>;

export interface ConnectionsOptions {
  store: ConnectionStore;
  secret: ConnectionsSecret;
  /** One absolute callback URL for every provider (https, or http on a loopback host). */
  callbackUrl: string;
  providers: Record<string, ProviderEntry>;
  /** Called after every stored transition; a throwing hook never undoes the change. */
  onChange?: ((event: ConnectionEvent) => void | Promise<void>) | undefined;
  /** Injected I/O for the provider calls; default the global `fetch`. */
  fetch?: FetchLike | undefined;
  /** Per outbound call; default 10 000 ms. */
  timeoutMs?: number | undefined;
  /** Injected clock in milliseconds; default `Date.now`. */
  now?: (() => number) | undefined;
  /** How long a pending authorization may wait for its callback; default 10 minutes. */
  pendingTtlMs?: number | undefined;
  /** How long a connection's opened credentials stay cached in this process; default 30 000 ms. */
  cacheTtlMs?: number | undefined;
}

export interface ConnectInput {
  owner: string;
  provider: string;
  label?: string | undefined;
  /** A same-origin path (of `callbackUrl`) to come back to; anything else becomes `/`. */
  returnTo?: string | undefined;
  /** The owner's own consumer (an app they registered with the provider), used on every leg and call. */
  consumer?: ConsumerCredentials | undefined;
  settings?: Record<string, string> | undefined;
  /** Reconnect this connection in place (same id); refused when the provider names another account. */
  reconnect?: string | undefined;
}

export interface CompleteInput {
  owner: string;
  /** The callback's query: `URLSearchParams`, a query string, or the full callback URL. */
  query: URLSearchParams | string | URL;
}

export interface ImportTokenInput {
  owner: string;
  provider: string;
  token: string;
  tokenSecret: string;
  consumer?: ConsumerCredentials | undefined;
  label?: string | undefined;
  settings?: Record<string, string> | undefined;
}

export interface CheckAllInput {
  /** Test connections not checked for this many milliseconds; default one day. */
  olderThan?: number | undefined;
  /** At most this many in one call (default 100, at most 1000); call again for the next batch. */
  limit?: number | undefined;
}

export interface RemoveResult {
  connection: Connection;
  /** `revoked` at the provider, `not_supported` (its config names no revoke request) or `failed` (removed locally all the same). */
  revoke: 'revoked' | 'not_supported' | 'failed';
  error?: ConnectionError;
}

export type SignedFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Stored connections: the lifecycle integration platforms call "connections". */
export interface Connections {
  /** The configured callback URL; its origin is the app's origin (the web handler trusts it, never Host). */
  readonly callbackUrl: string;
  /** Leg 1: stores the pending authorization server-side and returns where to send the user. */
  connect(input: ConnectInput): Promise<{ authorizeUrl: string }>;
  /** The callback: takes the pending authorization once, runs leg 3 and "who am I", stores the connection. */
  complete(input: CompleteInput): Promise<{ connection: Connection; returnTo: string }>;
  /** The owner's connections, newest first. */
  list(owner: string): Promise<Connection[]>;
  get(owner: string, id: string): Promise<Connection | undefined>;
  /** A signed `fetch` for the connection, limited to its provider's API origins. */
  fetch(owner: string, id: string): Promise<SignedFetch>;
  /** "Who am I" again: sets `active` or `needs_reauth` and `lastCheckedAt`. */
  test(owner: string, id: string): Promise<Connection>;
  /** Tests the connections not checked for a while (a periodic job), one bounded batch per call. */
  checkAll(input?: CheckAllInput): Promise<Connection[]>;
  /** Stores a token issued elsewhere (NetSuite TBA) once "who am I" accepts it. */
  importToken(input: ImportTokenInput): Promise<Connection>;
  rename(owner: string, id: string, label: string): Promise<Connection>;
  /** Deletes the connection, revoking its token at the provider where the config names a revoke request. */
  remove(owner: string, id: string): Promise<RemoveResult>;
}
