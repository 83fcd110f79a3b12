import { isOAuth1Error, OAuth1Error } from '@oauth1a/core';
import { loadCredentials, markNeedsReauth, requireRecord, usableCredentials } from './access.js';
import type { Context } from './context.js';
import type { ConnectionRecord } from './store.js';
import type { CheckAllInput, Connection } from './types.js';

const TOKEN_PROBLEMS = new Set(['token_rejected', 'token_expired', 'token_revoked', 'permission_denied']);

/** Whether a failed "who am I" says the token is bad (rather than the provider being down). */
function refusesToken(error: unknown): boolean {
  if (!isOAuth1Error(error)) return false;
  if (error.provider?.status === 401) return true;
  return error.problem !== undefined && TOKEN_PROBLEMS.has(error.problem);
}

/**
 * "Who am I" again with the stored token: `active` (and the name refreshed) when the provider accepts
 * it, `needs_reauth` when it refuses it; a provider that is down or slow leaves the status as it was
 * and records `lastError`. Without a "who am I" only the expiry is checked.
 */
export async function testConnection(ctx: Context, owner: string, id: string): Promise<Connection> {
  await ctx.ready();
  const before = await requireRecord(ctx, owner, id);
  let entry: Awaited<ReturnType<typeof usableCredentials>>;
  try {
    // Renews an expired token where it can; marks it needs_reauth where it cannot.
    entry =
      before.status === 'needs_reauth'
        ? await loadCredentials(ctx, owner, id, true)
        : await usableCredentials(ctx, owner, id);
  } catch (error) {
    if (isOAuth1Error(error) && error.code === 'connection_needs_reauth') {
      const after = await requireRecord(ctx, owner, id);
      return ctx.view((await stamp(ctx, after, {})) ?? after);
    }
    throw error;
  }
  const { record, provider, consumer, credentials } = entry;
  if (provider.profile === undefined) {
    return ctx.view((await stamp(ctx, record, {})) ?? record);
  }
  try {
    const { profile } = await ctx
      .flow(provider, consumer)
      .fetchProfile({ token: credentials.token, tokenSecret: credentials.tokenSecret });
    const updated = await stamp(ctx, record, {
      status: 'active',
      lastError: null,
      ...(profile.name === undefined ? {} : { name: profile.name }),
    });
    ctx.cache.delete(id);
    if (updated !== undefined && record.status === 'needs_reauth') await ctx.emit('active', updated);
    return ctx.view(updated ?? record);
  } catch (error) {
    const reason = {
      code: isOAuth1Error(error) ? error.code : 'internal_error',
      message: isOAuth1Error(error) ? error.message : 'the test failed',
    };
    if (refusesToken(error)) {
      const marked = await markNeedsReauth(ctx, record, reason);
      return ctx.view((await stamp(ctx, marked, {})) ?? marked);
    }
    return ctx.view((await stamp(ctx, record, { lastError: reason })) ?? record);
  }
}

async function stamp(
  ctx: Context,
  record: ConnectionRecord,
  patch: Parameters<Context['store']['updateConnection']>[2],
): Promise<ConnectionRecord | undefined> {
  const now = ctx.nowIso();
  return ctx.store.updateConnection(record.owner, record.id, {
    ...patch,
    lastCheckedAt: now,
    updatedAt: now,
  });
}

const DAY_MS = 86_400_000;
const CONCURRENCY = 4;

/**
 * A periodic job's step: tests the connections not checked for `olderThan` ms, least recently checked
 * first, at most `limit` of them, four at a time. Call it again for the next batch.
 */
export async function checkAll(ctx: Context, input: CheckAllInput = {}): Promise<Connection[]> {
  await ctx.ready();
  const olderThan = input.olderThan ?? DAY_MS;
  const limit = input.limit ?? 100;
  if (!Number.isFinite(olderThan) || olderThan < 0)
    throw new OAuth1Error('invalid_request', 'olderThan must be a number of milliseconds (0 or more)');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new OAuth1Error('invalid_request', 'limit must be an integer from 1 to 1000');
  const due = await ctx.store.dueForCheck(new Date(ctx.now() - olderThan).toISOString(), limit);
  const results: Connection[] = [];
  for (let start = 0; start < due.length; start += CONCURRENCY) {
    const batch = due.slice(start, start + CONCURRENCY);
    const checked = await Promise.all(
      batch.map(async (record) => {
        try {
          return await testConnection(ctx, record.owner, record.id);
        } catch (error) {
          // One broken row (removed meanwhile, a seal that does not open) must not stop the job.
          const reason = {
            code: isOAuth1Error(error) ? error.code : 'internal_error',
            message: isOAuth1Error(error) ? error.message : 'the test failed',
          };
          const stamped = await stamp(ctx, record, { lastError: reason }).catch(() => undefined);
          return stamped === undefined ? undefined : ctx.view(stamped);
        }
      }),
    );
    for (const connection of checked) if (connection !== undefined) results.push(connection);
  }
  return results;
}
