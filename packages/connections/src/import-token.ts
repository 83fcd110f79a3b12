import { OAuth1Error } from '@oauth1a/core';
import type { Context } from './context.js';
import { consumerFor, consumerSecrets } from './credentials.js';
import { optionalLabel, optionalSettings, requireText } from './inputs.js';
import type { Connection, ImportTokenInput } from './types.js';
import { type Account, storeConnection, tokenUid } from './upsert.js';

/**
 * A token issued elsewhere (NetSuite token-based auth): accepted once "who am I" accepts it, stored like
 * any connection. Nothing is stored when the provider rejects it.
 */
export async function importToken(ctx: Context, input: ImportTokenInput): Promise<Connection> {
  await ctx.ready();
  const owner = requireText(input?.owner, 'owner');
  const providerKey = requireText(input.provider, 'provider', 100);
  const token = requireText(input.token, 'token', 2048);
  if (typeof input.tokenSecret !== 'string' || input.tokenSecret.length > 2048) {
    throw new OAuth1Error(
      'invalid_request',
      'tokenSecret must be a string (the token secret the provider issued)',
    );
  }
  const label = optionalLabel(input.label);
  const settings = optionalSettings(input.settings);
  const consumerKey =
    input.consumer === undefined ? undefined : requireText(input.consumer.key, 'consumer.key');
  const ownConsumer = consumerSecrets(input.consumer);
  const provider = ctx.provider(providerKey, settings);
  const consumer = consumerFor(consumerKey, ownConsumer, ctx.entry(providerKey).consumer, providerKey);
  let account: Account;
  if (provider.profile !== undefined) {
    // The provider's verdict on the token; its failure (a 401, say) is the caller's error, nothing stored.
    const { profile } = await ctx
      .flow(provider, consumer)
      .fetchProfile({ token, tokenSecret: input.tokenSecret });
    account = profile.name === undefined ? { uid: profile.id } : { uid: profile.id, name: profile.name };
  } else {
    account = { uid: tokenUid(token) };
  }
  return storeConnection(ctx, {
    owner,
    providerKey,
    provider,
    account,
    credentials: { token, tokenSecret: input.tokenSecret, ...ownConsumer },
    consumerKey,
    label,
    settings,
    expiresAt: undefined,
  });
}
