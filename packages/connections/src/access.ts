import { type AccessCredentials, OAuth1Error } from '@oauth1a/core';
import type { CachedCredentials, Context } from './context.js';
import { consumerFor, type SealedCredentials } from './credentials.js';
import { expiresAtOf } from './expiry.js';
import { tokenFailure } from './health.js';
import { allowedUrl, apiBases } from './origins.js';
import { connectionBinding } from './sealing.js';
import type { ConnectionRecord } from './store.js';
import type { ConnectionError, SignedFetch } from './types.js';
import { isExpired } from './view.js';

export function notFound(id: string): OAuth1Error {
  return new OAuth1Error('not_found', `no connection ${id} for this owner`);
}

/** The record, or `not_found` (another owner's connection reads as missing). */
export async function requireRecord(ctx: Context, owner: string, id: string): Promise<ConnectionRecord> {
  const record = await ctx.store.getConnection(owner, id);
  if (record === undefined) throw notFound(id);
  return record;
}

/**
 * A connection's opened credentials and its signed fetch: read from the store and unsealed once, then
 * cached in this process until `cacheTtlMs` passes or this process changes the connection.
 */
export async function loadCredentials(
  ctx: Context,
  owner: string,
  id: string,
  fresh = false,
): Promise<CachedCredentials> {
  const cached = ctx.cache.get(id);
  if (!fresh && cached !== undefined && cached.owner === owner && cached.cachedUntil > ctx.now())
    return cached;
  const record = await requireRecord(ctx, owner, id);
  return openRecord(ctx, record);
}

export async function openRecord(ctx: Context, record: ConnectionRecord): Promise<CachedCredentials> {
  const credentials = await ctx.sealer.open<SealedCredentials>(
    connectionBinding(record.owner, record.provider, record.uid),
    record.sealed,
  );
  const provider = ctx.provider(record.provider, record.settings);
  const consumer = consumerFor(
    record.consumerKey,
    credentials,
    ctx.entry(record.provider).consumer,
    record.provider,
  );
  const fetch = ctx
    .flow(provider, consumer)
    .signedFetch({ token: credentials.token, tokenSecret: credentials.tokenSecret });
  const entry: CachedCredentials = {
    owner: record.owner,
    record,
    credentials,
    provider,
    consumer,
    fetch,
    bases: apiBases(provider),
    cachedUntil: ctx.now() + ctx.cacheTtlMs,
  };
  if (ctx.cacheTtlMs > 0) ctx.cache.set(record.id, entry);
  return entry;
}

/**
 * Marks the connection `needs_reauth` with why, unless another process replaced its credentials in
 * the meantime (a reconnect): the update is conditional on the sealed credentials we used.
 */
export async function markNeedsReauth(
  ctx: Context,
  record: ConnectionRecord,
  reason: ConnectionError,
): Promise<ConnectionRecord> {
  ctx.cache.delete(record.id);
  const now = ctx.nowIso();
  // Only an active connection still holding these credentials flips: one event, however many calls
  // (or processes) saw the 401 at once, and never over a reconnect that replaced the token.
  const updated = await ctx.store.updateConnection(
    record.owner,
    record.id,
    { status: 'needs_reauth', lastError: reason, updatedAt: now },
    { sealed: record.sealed, status: 'active' },
  );
  if (updated === undefined) return (await ctx.store.getConnection(record.owner, record.id)) ?? record;
  await ctx.emit('needs_reauth', updated);
  return updated;
}

/** Renews the token with its session handle (OAuth Session 1.0: Yahoo, Xero partner apps). */
export async function renew(ctx: Context, entry: CachedCredentials): Promise<CachedCredentials> {
  const { record, credentials, provider, consumer } = entry;
  const current: AccessCredentials = {
    providerId: provider.id,
    token: credentials.token,
    tokenSecret: credentials.tokenSecret,
    params:
      credentials.sessionHandle === undefined ? {} : { oauth_session_handle: credentials.sessionHandle },
    authorizedAt: ctx.now(),
  };
  let renewed: AccessCredentials;
  try {
    renewed = await ctx.flow(provider, consumer).refresh(current);
  } catch (error) {
    const code = error instanceof OAuth1Error ? error.code : 'refresh_failed';
    await markNeedsReauth(ctx, record, {
      code,
      message: `the token expired and could not be renewed (${code}); reconnect this connection`,
    });
    throw new OAuth1Error(
      'connection_needs_reauth',
      'the token expired and could not be renewed; reconnect it',
      {
        cause: error,
      },
    );
  }
  const next: SealedCredentials = {
    ...credentials,
    token: renewed.token,
    tokenSecret: renewed.tokenSecret,
  };
  const handle = renewed.params.oauth_session_handle;
  if (handle !== undefined && handle !== '') next.sessionHandle = handle;
  const sealed = await ctx.sealer.seal(connectionBinding(record.owner, record.provider, record.uid), next);
  const expiresAt = expiresAtOf(provider, renewed.params, ctx.now()) ?? null;
  const updated = await ctx.store.updateConnection(
    record.owner,
    record.id,
    { sealed, expiresAt, status: 'active', lastError: null, updatedAt: ctx.nowIso() },
    { sealed: record.sealed },
  );
  ctx.cache.delete(record.id);
  // Another process renewed (or reconnected) first: use what it stored.
  if (updated === undefined) return loadCredentials(ctx, record.owner, record.id, true);
  if (record.status === 'needs_reauth') await ctx.emit('active', updated);
  return openRecord(ctx, updated);
}

/**
 * Credentials that can sign now: an expired token is renewed where the provider allows it, otherwise
 * the connection is marked `needs_reauth` and `connection_needs_reauth` is thrown.
 */
export async function usableCredentials(ctx: Context, owner: string, id: string): Promise<CachedCredentials> {
  let entry = await loadCredentials(ctx, owner, id);
  if (isExpired(entry.record, ctx.now())) {
    if (entry.credentials.sessionHandle !== undefined) return renew(ctx, entry);
    entry = await loadCredentials(ctx, owner, id, true);
    if (isExpired(entry.record, ctx.now())) {
      await markNeedsReauth(ctx, entry.record, {
        code: 'connection_needs_reauth',
        message: `the token expired at ${entry.record.expiresAt}; reconnect this connection`,
      });
      throw new OAuth1Error('connection_needs_reauth', `connection ${id} expired; reconnect it`);
    }
  }
  // Another process may have reconnected it since this process cached it: ask the store before refusing.
  if (entry.record.status === 'needs_reauth') entry = await loadCredentials(ctx, owner, id, true);
  if (entry.record.status === 'needs_reauth') {
    throw new OAuth1Error(
      'connection_needs_reauth',
      `connection ${id} needs re-authorization (${entry.record.lastError?.message ?? 'the provider refused its token'})`,
    );
  }
  return entry;
}

/**
 * The connection's signed fetch: calls stay on the provider's API origins; a 401 (or a token
 * `oauth_problem`) marks the connection `needs_reauth` and the response comes back unchanged.
 */
export async function connectionFetch(ctx: Context, owner: string, id: string): Promise<SignedFetch> {
  await ctx.ready();
  const entry = await usableCredentials(ctx, owner, id);
  const { bases } = entry;
  const providerKey = entry.record.provider;
  return async (input, init) => {
    const url = allowedUrl(input, bases, providerKey);
    // The freshest credentials this process has: a renewal or reconnect since fetch() replaced them.
    const cached = ctx.cache.get(id);
    const current = cached !== undefined && cached.owner === owner ? cached : entry;
    const response = await current.fetch(input instanceof Request ? input : url, init);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const failure = await tokenFailure(response, `${method.toUpperCase()} ${url.origin}${url.pathname}`);
    if (failure !== undefined) {
      if (failure.message.includes('(token_expired)') && current.credentials.sessionHandle !== undefined) {
        // Renewable: the next call signs with the renewed token.
        await renew(ctx, current).catch(() => undefined);
      } else {
        await markNeedsReauth(ctx, current.record, failure);
      }
    }
    return response;
  };
}
