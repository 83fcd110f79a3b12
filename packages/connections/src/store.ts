import type { ConnectionError, ConnectionStatus } from './types.js';

/**
 * A pending authorization as a store keeps it, keyed by its request token. `sealed` holds the
 * request-token secret (and a per-connection consumer's secret), sealed and bound to the request token.
 */
export interface PendingRecord {
  requestToken: string;
  owner: string;
  provider: string;
  sealed: string;
  /** A per-connection consumer's key (its secret is in `sealed`). */
  consumerKey?: string | undefined;
  callbackUrl: string;
  returnTo?: string | undefined;
  label?: string | undefined;
  settings?: Record<string, string> | undefined;
  reconnectId?: string | undefined;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** After this (milliseconds since the epoch) the record may be pruned. */
  expiresAt: number;
}

/**
 * A connection as a store keeps it. `sealed` holds the token, its secret, a session handle and a
 * per-connection consumer's secret, sealed and bound to (owner, provider, uid).
 */
export interface ConnectionRecord {
  id: string;
  owner: string;
  provider: string;
  uid: string;
  name?: string | undefined;
  label?: string | undefined;
  status: ConnectionStatus;
  createdAt: string;
  updatedAt: string;
  expiresAt?: string | undefined;
  lastCheckedAt?: string | undefined;
  lastError?: ConnectionError | undefined;
  consumerKey?: string | undefined;
  settings?: Record<string, string> | undefined;
  /** The token can be renewed with a session handle (`oauth_session_handle`). */
  renewable: boolean;
  sealed: string;
}

/** The fields an update may set; `null` clears an optional one. */
export interface ConnectionPatch {
  name?: string | null;
  label?: string | null;
  status?: ConnectionStatus;
  updatedAt?: string;
  expiresAt?: string | null;
  lastCheckedAt?: string | null;
  lastError?: ConnectionError | null;
  renewable?: boolean;
  sealed?: string;
}

/** The condition of a compare-and-set update. */
export interface UpdateGuard {
  sealed?: string;
  status?: ConnectionStatus;
}

/**
 * Where connections and pending authorizations live. Every step that must be atomic is one call
 * (one SQL statement): taking a pending authorization, the upsert, a conditional update.
 */
export interface ConnectionStore {
  /** Creates or migrates the store's tables; called once before first use (idempotent). */
  migrate(): Promise<void>;
  putPending(record: PendingRecord): Promise<void>;
  /** Removes and returns the pending authorization, atomically: of concurrent takers, one gets it. */
  takePending(requestToken: string): Promise<PendingRecord | undefined>;
  /** Deletes pending authorizations whose `expiresAt` is before `now`; returns how many. */
  prunePending(now: number): Promise<number>;
  /**
   * Inserts the connection, or updates the one with the same (owner, provider, uid) in place, keeping
   * its id, `createdAt`, and its label and settings when the new record has none.
   */
  upsertConnection(record: ConnectionRecord): Promise<{ record: ConnectionRecord; created: boolean }>;
  /**
   * Updates the owner's connection, in one statement; with a guard, only while its sealed credentials
   * and/or status are still those (a compare-and-set, so concurrent processes never undo each other).
   */
  updateConnection(
    owner: string,
    id: string,
    patch: ConnectionPatch,
    guard?: UpdateGuard,
  ): Promise<ConnectionRecord | undefined>;
  getConnection(owner: string, id: string): Promise<ConnectionRecord | undefined>;
  /** Newest first. */
  listConnections(owner: string): Promise<ConnectionRecord[]>;
  deleteConnection(owner: string, id: string): Promise<ConnectionRecord | undefined>;
  /** Connections never checked, or last checked before `checkedBefore` (ISO), least recently checked first. */
  dueForCheck(checkedBefore: string, limit: number): Promise<ConnectionRecord[]>;
}
