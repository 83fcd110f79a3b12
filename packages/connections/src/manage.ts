import { isOAuth1Error, OAuth1Error } from '@oauth1a/core';
import { notFound, openRecord, requireRecord } from './access.js';
import type { Context } from './context.js';
import { optionalLabel, requireText } from './inputs.js';
import type { Connection, ConnectionError, RemoveResult } from './types.js';

export async function listConnections(ctx: Context, owner: string): Promise<Connection[]> {
  await ctx.ready();
  const records = await ctx.store.listConnections(requireText(owner, 'owner'));
  return records.map((record) => ctx.view(record));
}

export async function getConnection(
  ctx: Context,
  owner: string,
  id: string,
): Promise<Connection | undefined> {
  await ctx.ready();
  const record = await ctx.store.getConnection(requireText(owner, 'owner'), requireText(id, 'id'));
  return record === undefined ? undefined : ctx.view(record);
}

export async function renameConnection(
  ctx: Context,
  owner: string,
  id: string,
  label: string,
): Promise<Connection> {
  await ctx.ready();
  requireText(owner, 'owner');
  requireText(id, 'id');
  const text = optionalLabel(label);
  if (text === undefined) throw new OAuth1Error('invalid_request', 'label must be a non-empty string');
  const updated = await ctx.store.updateConnection(owner, id, { label: text, updatedAt: ctx.nowIso() });
  if (updated === undefined) throw notFound(id);
  ctx.cache.delete(id);
  await ctx.emit('renamed', updated);
  return ctx.view(updated);
}

/**
 * Deletes the connection, revoking its token first where the provider's config names a revoke request.
 * A revoke that fails (the provider refuses or is down) still removes the connection here, and the
 * result says so.
 */
export async function removeConnection(ctx: Context, owner: string, id: string): Promise<RemoveResult> {
  await ctx.ready();
  requireText(owner, 'owner');
  requireText(id, 'id');
  const record = await requireRecord(ctx, owner, id);
  let revoke: RemoveResult['revoke'] = 'not_supported';
  let error: ConnectionError | undefined;
  const provider = ctx.provider(record.provider, record.settings);
  if (provider.revoke !== undefined) {
    try {
      const { fetch } = await openRecord(ctx, record);
      // The signed fetch has its own deadline (timeoutMs), so a silent provider cannot hang a removal.
      const response = await fetch(provider.revoke.url, { method: provider.revoke.method ?? 'POST' });
      await response.body?.cancel();
      // A token the provider no longer knows is as good as revoked.
      if (!response.ok && response.status !== 401) {
        throw new OAuth1Error(
          'revoke_failed',
          `the provider answered ${response.status} to the revoke request`,
        );
      }
      revoke = 'revoked';
    } catch (thrown) {
      revoke = 'failed';
      const message = isOAuth1Error(thrown) ? thrown.message : 'the revoke request failed';
      error = { code: 'revoke_failed', message: message.replace(/ \(oauth1a:.*$/, '') };
    }
  }
  const removed = await ctx.store.deleteConnection(owner, id);
  ctx.cache.delete(id);
  if (removed === undefined) throw notFound(id);
  await ctx.emit('removed', removed);
  const result: RemoveResult = { connection: ctx.view(removed), revoke };
  if (error !== undefined) result.error = error;
  return result;
}
