import {
  type ConsumerCredentials,
  createOAuth1Flow,
  DEFAULT_PENDING_TTL_MS,
  isLoopbackHost,
  OAuth1Error,
  type OAuth1Flow,
  type ProviderConfig,
  validateProviderConfig,
} from '@oauth1a/core';
import type { SealedCredentials } from './credentials.js';
import { Sealer } from './sealing.js';
import type { ConnectionRecord, ConnectionStore } from './store.js';
import type { Connection, ConnectionEvent, ConnectionsOptions, ProviderEntry, SignedFetch } from './types.js';
import { toConnection } from './view.js';

/** A connection's opened credentials and its signed fetch, cached per process. */
export interface CachedCredentials {
  owner: string;
  record: ConnectionRecord;
  credentials: SealedCredentials;
  provider: ProviderConfig;
  consumer: ConsumerCredentials;
  fetch: SignedFetch;
  /** The provider's API base URLs (origins a call may go to). */
  bases: URL[];
  cachedUntil: number;
}

/** Everything the operations share: options checked once, the sealer, the cache and the event hook. */
export class Context {
  readonly store: ConnectionStore;
  readonly sealer: Sealer;
  readonly callbackUrl: string;
  readonly callbackOrigin: string;
  readonly pendingTtlMs: number;
  readonly cacheTtlMs: number;
  readonly cache = new Map<string, CachedCredentials>();
  readonly #options: ConnectionsOptions;
  readonly #providers: Map<string, ProviderEntry>;
  #ready: Promise<void> | undefined;

  constructor(options: ConnectionsOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new OAuth1Error(
        'invalid_config',
        'createConnections expects { store, secret, callbackUrl, providers }',
      );
    }
    this.#options = options;
    const store = options.store as Partial<ConnectionStore> | undefined;
    if (typeof store?.takePending !== 'function' || typeof store.upsertConnection !== 'function') {
      throw new OAuth1Error(
        'invalid_config',
        'store must be a connection store: memoryStore(), sqliteStore(db) or postgresStore(pool)',
      );
    }
    this.store = options.store;
    this.sealer = new Sealer(options.secret);
    this.callbackUrl = checkedCallbackUrl(options.callbackUrl);
    this.callbackOrigin = new URL(this.callbackUrl).origin;
    this.pendingTtlMs = positive(options.pendingTtlMs, DEFAULT_PENDING_TTL_MS, 'pendingTtlMs');
    this.cacheTtlMs = options.cacheTtlMs === 0 ? 0 : positive(options.cacheTtlMs, 30_000, 'cacheTtlMs');
    if (typeof options.providers !== 'object' || options.providers === null) {
      throw new OAuth1Error(
        'invalid_config',
        'providers must be an object: { trello: { provider: trello({ appName }), consumer } }',
      );
    }
    this.#providers = new Map(Object.entries(options.providers));
    for (const [key, entry] of this.#providers) {
      if (typeof entry?.provider === 'object') validateProviderConfig(entry.provider);
      else if (typeof entry?.provider !== 'function')
        throw new OAuth1Error(
          'invalid_config',
          `providers.${key}.provider must be a ProviderConfig or a function of the connection's settings`,
        );
    }
  }

  now(): number {
    return (this.#options.now ?? Date.now)();
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** The store's tables, migrated once per process before the first operation. */
  ready(): Promise<void> {
    this.#ready ??= this.store.migrate().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  entry(providerKey: string): ProviderEntry {
    const entry = this.#providers.get(providerKey);
    if (entry === undefined) {
      const known = [...this.#providers.keys()].join(', ') || 'none';
      throw new OAuth1Error('invalid_request', `unknown provider "${providerKey}" (configured: ${known})`);
    }
    return entry;
  }

  /** The provider config for one connection's settings (a NetSuite account id fills its URLs and realm). */
  provider(providerKey: string, settings: Record<string, string> | undefined): ProviderConfig {
    const source = this.entry(providerKey).provider;
    return validateProviderConfig(typeof source === 'function' ? source(settings ?? {}) : source);
  }

  flow(provider: ProviderConfig, consumer: ConsumerCredentials): OAuth1Flow {
    return createOAuth1Flow({
      provider,
      consumer,
      fetch: this.#options.fetch,
      timeoutMs: this.#options.timeoutMs,
      now: () => this.now(),
      pendingTtlMs: this.pendingTtlMs,
    });
  }

  view(record: ConnectionRecord): Connection {
    return toConnection(record, this.now());
  }

  /** Tells the app after a change is stored; the hook's own failure never undoes the change. */
  async emit(type: ConnectionEvent['type'], record: ConnectionRecord): Promise<void> {
    const hook = this.#options.onChange;
    if (hook === undefined) return;
    try {
      await hook({ type, connection: this.view(record) });
    } catch {
      // The change is committed; an app's webhook failing must not turn it into an error.
    }
  }
}

function positive(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new OAuth1Error('invalid_config', `${field} must be a positive number of milliseconds`);
  return value;
}

/** One absolute callback URL: https, or http on a loopback host (development). */
function checkedCallbackUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new OAuth1Error(
      'invalid_config',
      'callbackUrl must be an absolute URL such as "https://app.example/connections/callback"',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.host)) {
    throw new OAuth1Error(
      'invalid_config',
      'callbackUrl must use https (plain http only on localhost or 127.0.0.1): the provider sends the verifier there',
    );
  }
  return url.href;
}
