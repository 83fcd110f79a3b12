import { constantTimeEqual } from '@oauth1a/core';
import { type MockUser, type ResolvedConsumer, type ResolvedOptions, randomToken } from './options.js';

export interface RequestTokenRecord {
  kind: 'request';
  token: string;
  secret: string;
  consumerKey: string;
  /** A URL or `oob`; in OAuth 1.0 mode possibly absent until the authorize step names one. */
  callback: string | undefined;
  expiresAt: number;
  state: 'pending' | 'authorized' | 'denied' | 'used';
  verifier?: string;
  userId?: string;
}

export interface AccessTokenRecord {
  kind: 'access';
  token: string;
  secret: string;
  consumerKey: string;
  userId: string;
  /** Only with session handles. */
  expiresAt?: number;
  sessionHandle?: string;
}

export type TokenRecord = RequestTokenRecord | AccessTokenRecord;

// Expired records and nonces are dropped at most this often, when a request comes in: no timers.
const PRUNE_INTERVAL_MS = 1000;

/**
 * Everything the provider remembers: consumers, users, request and access tokens, and nonces. In memory,
 * pruned lazily so that no timer keeps a process alive.
 */
export class Store {
  readonly consumers = new Map<string, ResolvedConsumer>();
  readonly users: readonly MockUser[];
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #nonces = new Map<string, number>();
  readonly #options: ResolvedOptions;
  #lastPrune = Number.NEGATIVE_INFINITY;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.users = options.users;
    for (const consumer of options.consumers) this.consumers.set(consumer.key, consumer);
  }

  now(): number {
    return this.#options.now();
  }

  user(id: string | undefined): MockUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  issueRequestToken(consumerKey: string, callback: string | undefined): RequestTokenRecord {
    this.prune();
    const record: RequestTokenRecord = {
      kind: 'request',
      token: `rt_${randomToken(18)}`,
      secret: randomToken(24),
      consumerKey,
      callback,
      expiresAt: this.now() + this.#options.requestTokenTtlMs,
      state: 'pending',
    };
    this.#tokens.set(record.token, record);
    return record;
  }

  issueAccessToken(consumerKey: string, userId: string, sessionHandle?: string): AccessTokenRecord {
    this.prune();
    const record: AccessTokenRecord = {
      kind: 'access',
      token: `at_${randomToken(18)}`,
      secret: randomToken(24),
      consumerKey,
      userId,
    };
    if (this.#options.sessionHandles) {
      record.expiresAt = this.now() + this.#options.accessTokenTtlMs;
      record.sessionHandle = sessionHandle ?? `sh_${randomToken(18)}`;
    }
    this.#tokens.set(record.token, record);
    return record;
  }

  /** A token record, or undefined when unknown or (request tokens) expired. */
  token(token: string): TokenRecord | undefined {
    const record = this.#tokens.get(token);
    if (record === undefined) return undefined;
    if (record.kind === 'request' && record.expiresAt <= this.now()) {
      this.#tokens.delete(token);
      return undefined;
    }
    return record;
  }

  requestToken(token: string): RequestTokenRecord | undefined {
    const record = this.token(token);
    return record?.kind === 'request' ? record : undefined;
  }

  /** Marks a pending request token approved by `userId` and returns its new verifier. */
  approve(record: RequestTokenRecord, userId: string): string {
    record.state = 'authorized';
    record.userId = userId;
    record.verifier = randomToken(16);
    return record.verifier;
  }

  deny(record: RequestTokenRecord): void {
    record.state = 'denied';
  }

  /** Constant-time comparison of the verifier the client sent with the one issued. */
  verifierMatches(record: RequestTokenRecord, verifier: string): boolean {
    return record.verifier !== undefined && constantTimeEqual(verifier, record.verifier);
  }

  /** Single use: the record stays (until it expires) only to answer `token_used`. */
  consume(record: RequestTokenRecord): void {
    record.state = 'used';
    delete record.verifier;
  }

  revoke(token: string): void {
    this.#tokens.delete(token);
  }

  /** Ends an access token's life now: resources answer `token_expired` (a session handle still renews it). */
  expire(token: string): boolean {
    const record = this.#tokens.get(token);
    if (record?.kind !== 'access') return false;
    record.expiresAt = this.now();
    return true;
  }

  /** Whether an access token is known (neither revoked nor replaced by a renewal). */
  hasAccessToken(token: string): boolean {
    return this.#tokens.get(token)?.kind === 'access';
  }

  /**
   * Records a nonce; false when (consumer, token, timestamp, nonce) was seen within the timestamp
   * tolerance window.
   */
  checkNonce(nonce: string, timestamp: string, consumerKey: string, token: string | undefined): boolean {
    this.prune();
    const key = `${consumerKey}\u0000${token ?? ''}\u0000${timestamp}\u0000${nonce}`;
    if (this.#nonces.has(key)) return false;
    // Past timestamp + tolerance the timestamp itself is refused, so the entry can go.
    const seconds = Number(timestamp);
    const keepUntil = Number.isFinite(seconds)
      ? (seconds + this.#options.timestampToleranceSeconds) * 1000
      : this.now() + this.#options.timestampToleranceSeconds * 1000;
    this.#nonces.set(key, keepUntil);
    return true;
  }

  /** How many nonces are remembered (for tests of the pruning). */
  get nonceCount(): number {
    return this.#nonces.size;
  }

  prune(): void {
    const now = this.now();
    // abs(): an injected clock may also go backwards.
    if (Math.abs(now - this.#lastPrune) < PRUNE_INTERVAL_MS) return;
    this.#lastPrune = now;
    for (const [key, keepUntil] of this.#nonces) if (keepUntil < now) this.#nonces.delete(key);
    for (const [token, record] of this.#tokens)
      if (record.kind === 'request' && record.expiresAt <= now) this.#tokens.delete(token);
  }
}
