import { constantTimeEqual, OAuth1Error, type PendingAuthorization, sanitizeReturnTo } from '@oauth1a/core';
import type { Context } from './context.js';
import { consumerFor, consumerSecrets, type SealedCredentials, type SealedPending } from './credentials.js';
import { expiresAtOf } from './expiry.js';
import { callbackQuery, optionalLabel, optionalSettings, requireText } from './inputs.js';
import { connectionBinding, pendingBinding } from './sealing.js';
import type { PendingRecord } from './store.js';
import type { CompleteInput, ConnectInput, Connection } from './types.js';
import { accountOf, sessionHandleOf, storeConnection } from './upsert.js';

/** Leg 1 and the leg 2 URL; the pending authorization goes to the store, sealed, keyed by request token. */
export async function connect(ctx: Context, input: ConnectInput): Promise<{ authorizeUrl: string }> {
  await ctx.ready();
  const owner = requireText(input?.owner, 'owner');
  const providerKey = requireText(input.provider, 'provider', 100);
  const label = optionalLabel(input.label);
  let settings = optionalSettings(input.settings);
  let consumerKey: string | undefined;
  let sealedConsumer: ReturnType<typeof consumerSecrets> = {};
  let reconnectId: string | undefined;
  if (input.reconnect !== undefined) {
    reconnectId = requireText(input.reconnect, 'reconnect');
    const existing = await ctx.store.getConnection(owner, reconnectId);
    if (existing === undefined || existing.provider !== providerKey) {
      throw new OAuth1Error('not_found', `no ${providerKey} connection ${reconnectId} for this owner`);
    }
    settings ??= existing.settings;
    if (input.consumer === undefined && existing.consumerKey !== undefined) {
      // A reconnect keeps the connection's own consumer: open it from the row.
      const opened = await ctx.sealer.open<SealedCredentials>(
        connectionBinding(existing.owner, existing.provider, existing.uid),
        existing.sealed,
      );
      consumerKey = existing.consumerKey;
      sealedConsumer = consumerSecrets(consumerFor(consumerKey, opened, undefined, providerKey));
    }
  }
  if (input.consumer !== undefined) {
    consumerKey = requireText(input.consumer?.key, 'consumer.key');
    sealedConsumer = consumerSecrets(input.consumer);
  }
  const provider = ctx.provider(providerKey, settings);
  const consumer = consumerFor(consumerKey, sealedConsumer, ctx.entry(providerKey).consumer, providerKey);
  const flow = ctx.flow(provider, consumer);
  const { authorizeUrl, pending } = await flow.begin(
    { status: 'idle' },
    {
      callbackUrl: ctx.callbackUrl,
      returnTo: sanitizeReturnTo(input.returnTo, ctx.callbackOrigin, '/'),
    },
  );
  const sealedPending: SealedPending = { requestTokenSecret: pending.requestTokenSecret, ...sealedConsumer };
  // Kept twice the TTL, so a late callback hears "expired" rather than "missing".
  const keepMs = ctx.pendingTtlMs * 2;
  const record: PendingRecord = {
    requestToken: pending.requestToken,
    owner,
    provider: providerKey,
    sealed: await ctx.sealer.seal(
      pendingBinding(pending.requestToken),
      sealedPending,
      Math.ceil(keepMs / 1000),
    ),
    consumerKey,
    callbackUrl: pending.callbackUrl,
    returnTo: pending.returnTo,
    label,
    settings,
    reconnectId,
    createdAt: pending.createdAt,
    expiresAt: pending.createdAt + keepMs,
  };
  await ctx.store.prunePending(ctx.now());
  await ctx.store.putPending(record);
  return { authorizeUrl };
}

/**
 * The callback: takes the pending authorization from the store atomically (once, across processes),
 * binds it to the owner, runs leg 3 and "who am I", and stores one connection per (owner, provider,
 * uid). Nothing is written when a step fails.
 */
export async function complete(
  ctx: Context,
  input: CompleteInput,
): Promise<{ connection: Connection; returnTo: string }> {
  await ctx.ready();
  const owner = requireText(input?.owner, 'owner');
  const query = callbackQuery(input.query);
  const token = query.get('oauth_token') || query.get('denied');
  if (!token || token.length > 512) {
    throw new OAuth1Error(
      'token_mismatch',
      'the callback carries no oauth_token, so it cannot be matched to a pending connection',
    );
  }
  const record = await ctx.store.takePending(token);
  if (record === undefined) {
    throw new OAuth1Error(
      'no_pending_authorization',
      'no connection is waiting for this callback: it was already completed, or it expired (connect again)',
    );
  }
  // Taken (burned) before the owner check: a callback link sent to another user is good for nothing.
  if (!constantTimeEqual(record.owner, owner)) {
    throw new OAuth1Error(
      'token_mismatch',
      'this callback belongs to a connection another user started; it has been cancelled',
    );
  }
  // Past its keeping time the seal no longer opens (iron checks its ttl): say "expired", not "broken".
  if (record.expiresAt < ctx.now()) {
    throw new OAuth1Error('authorization_expired', 'this connection was started too long ago; connect again');
  }
  const sealed = await ctx.sealer.open<SealedPending>(
    pendingBinding(record.requestToken),
    record.sealed,
    Math.ceil((ctx.pendingTtlMs * 2) / 1000),
  );
  const provider = ctx.provider(record.provider, record.settings);
  const consumer = consumerFor(
    record.consumerKey,
    sealed,
    ctx.entry(record.provider).consumer,
    record.provider,
  );
  const flow = ctx.flow(provider, consumer);
  const pending: PendingAuthorization = {
    providerId: provider.id,
    requestToken: record.requestToken,
    requestTokenSecret: sealed.requestTokenSecret,
    callbackUrl: record.callbackUrl,
    createdAt: record.createdAt,
  };
  // Core's callback transition: denial, expiry and a missing verifier, each with its own code.
  const consumed = flow.consume({ status: 'awaiting_authorization', pending: [pending] }, query);
  if (!consumed.ok) throw consumed.error;
  const { credentials } = await flow.exchange(consumed.pending, consumed.verifier);
  const account = accountOf(provider, credentials);
  if (record.reconnectId !== undefined) {
    const existing = await ctx.store.getConnection(owner, record.reconnectId);
    if (existing === undefined) {
      throw new OAuth1Error('not_found', `connection ${record.reconnectId} was removed while reconnecting`);
    }
    if (existing.uid !== account.uid || existing.provider !== record.provider) {
      throw new OAuth1Error(
        'account_mismatch',
        `the provider authorized another account than this connection's (${existing.name ?? existing.uid}); sign in as that account, or connect the other one as a new connection`,
      );
    }
  }
  const stored = await storeConnection(ctx, {
    owner,
    providerKey: record.provider,
    provider,
    account,
    credentials: {
      token: credentials.token,
      tokenSecret: credentials.tokenSecret,
      ...sessionHandleOf(credentials.params),
      ...consumerSecrets(record.consumerKey === undefined ? undefined : consumer),
    },
    consumerKey: record.consumerKey,
    label: record.label,
    settings: record.settings,
    expiresAt: expiresAtOf(provider, credentials.params, ctx.now()),
  });
  return { connection: stored, returnTo: record.returnTo ?? '/' };
}
