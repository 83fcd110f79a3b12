import type { StrategyRequest } from './request.js';

/**
 * What passport-oauth1 hands a request-token store besides the request: the strategy's endpoints and
 * consumer key, and on `set` the callback URL. oauth1a adds `sessionKey` (where a session store keeps
 * the entry) and `pendingTtlMs` (how long it stays valid), which the built-in stores use.
 */
export interface StoreMeta {
  requestTokenURL: string;
  accessTokenURL: string;
  userAuthorizationURL: string;
  consumerKey: string;
  callbackURL?: string | undefined;
  sessionKey: string;
  pendingTtlMs: number;
}

export type StoreCallback = (error?: unknown) => void;
export type StoreGetCallback = (error: unknown, tokenSecret?: string | false | null, state?: unknown) => void;

/**
 * passport-oauth1's request-token store: keeps the request token's secret (and the `state` given to
 * `authenticate(req, { state })`) between the redirect to the provider and its callback. `get` must
 * answer the secret of *this* token only; the strategy calls `destroy` before the access-token request,
 * so an entry is used once. The short forms passport-oauth1 accepts (`get(req, token, cb)`,
 * `set(req, token, tokenSecret, cb)`, `set(req, token, tokenSecret, meta, cb)`,
 * `destroy(req, token, cb)`) are called by their parameter count, as passport-oauth1 does.
 * `sessionStore()` and `sealedCookieStore()` are the built-in ones.
 */
export interface RequestTokenStore {
  get(req: StrategyRequest, token: string, meta: StoreMeta, callback: StoreGetCallback): void;
  set(
    req: StrategyRequest,
    token: string,
    tokenSecret: string,
    state: unknown,
    meta: StoreMeta,
    callback: StoreCallback,
  ): void;
  destroy(req: StrategyRequest, token: string, meta: StoreMeta, callback: StoreCallback): void;
}

type Loose = (...args: unknown[]) => void;

function settle<T>(
  run: (done: (error: unknown, ...values: unknown[]) => void) => void,
  pick: (values: unknown[]) => T,
) {
  return new Promise<T>((resolve, reject) => {
    let called = false;
    try {
      run((error, ...values) => {
        if (called) return;
        called = true;
        if (error) reject(error);
        else resolve(pick(values));
      });
    } catch (error) {
      if (!called) {
        called = true;
        reject(error);
      }
    }
  });
}

/** `store.get`, by its arity as passport-oauth1 calls it: the token secret (if any) and the state. */
export function storeGet(
  store: RequestTokenStore,
  req: StrategyRequest,
  token: string,
  meta: StoreMeta,
): Promise<{ tokenSecret: unknown; state: unknown }> {
  const get = store.get as unknown as Loose;
  return settle(
    (done) =>
      get.length === 3 ? get.call(store, req, token, done) : get.call(store, req, token, meta, done),
    ([tokenSecret, state]) => ({ tokenSecret, state }),
  );
}

/** `store.set`, by its arity as passport-oauth1 calls it. */
export function storeSet(
  store: RequestTokenStore,
  req: StrategyRequest,
  entry: { token: string; tokenSecret: string; state: unknown },
  meta: StoreMeta,
): Promise<void> {
  const set = store.set as unknown as Loose;
  const { token, tokenSecret, state } = entry;
  return settle(
    (done) => {
      if (set.length === 4) set.call(store, req, token, tokenSecret, done);
      else if (set.length === 5) set.call(store, req, token, tokenSecret, meta, done);
      else set.call(store, req, token, tokenSecret, state, meta, done);
    },
    () => undefined,
  );
}

/** `store.destroy`, by its arity as passport-oauth1 calls it. */
export function storeDestroy(
  store: RequestTokenStore,
  req: StrategyRequest,
  token: string,
  meta: StoreMeta,
): Promise<void> {
  const destroy = store.destroy as unknown as Loose;
  return settle(
    (done) =>
      destroy.length === 3
        ? destroy.call(store, req, token, done)
        : destroy.call(store, req, token, meta, done),
    () => undefined,
  );
}

/** True for an object with passport-oauth1's store methods. */
export function isRequestTokenStore(value: unknown): value is RequestTokenStore {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return (
    typeof store.get === 'function' && typeof store.set === 'function' && typeof store.destroy === 'function'
  );
}
