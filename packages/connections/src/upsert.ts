import { createHash, randomUUID } from 'node:crypto';
import type { AccessCredentials, ProviderConfig } from '@oauth1a/core';
import type { Context } from './context.js';
import type { SealedCredentials } from './credentials.js';
import { connectionBinding } from './sealing.js';
import type { ConnectionRecord } from './store.js';
import type { Connection } from './types.js';

export interface Account {
  uid: string;
  name?: string;
}

/**
 * Who the token belongs to: "who am I" when the provider has one, else the access-token answer's
 * fields the provider declares (`user_id`, `screen_name`, `edam_userId`), else a digest of the token
 * (which cannot recognise the same account twice; declare accountFields).
 */
export function accountOf(provider: ProviderConfig, credentials: AccessCredentials): Account {
  const fields = provider.accountFields;
  const uid = credentials.profile?.id ?? (fields === undefined ? undefined : credentials.params[fields.id]);
  const name =
    credentials.profile?.name ??
    (fields?.name === undefined ? undefined : credentials.params[fields.name]) ??
    undefined;
  const account: Account = { uid: uid === undefined || uid === '' ? tokenUid(credentials.token) : uid };
  if (name !== undefined && name !== '') account.name = name;
  return account;
}

export function tokenUid(token: string): string {
  return `token:${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
}

export function sessionHandleOf(params: Record<string, string>): Pick<SealedCredentials, 'sessionHandle'> {
  const handle = params.oauth_session_handle;
  return handle === undefined || handle === '' ? {} : { sessionHandle: handle };
}

export interface StoreInput {
  owner: string;
  providerKey: string;
  provider: ProviderConfig;
  account: Account;
  credentials: SealedCredentials;
  consumerKey: string | undefined;
  label: string | undefined;
  settings: Record<string, string> | undefined;
  expiresAt: string | undefined;
}

/** The one write of a connect or an import: seal, then upsert by (owner, provider, uid). */
export async function storeConnection(ctx: Context, input: StoreInput): Promise<Connection> {
  const now = ctx.nowIso();
  const sealed = await ctx.sealer.seal(
    connectionBinding(input.owner, input.providerKey, input.account.uid),
    input.credentials,
  );
  const candidate: ConnectionRecord = {
    id: randomUUID(),
    owner: input.owner,
    provider: input.providerKey,
    uid: input.account.uid,
    name: input.account.name,
    label: input.label,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    expiresAt: input.expiresAt,
    lastCheckedAt: now,
    consumerKey: input.consumerKey,
    settings: input.settings,
    renewable: input.credentials.sessionHandle !== undefined,
    sealed,
  };
  const { record, created } = await ctx.store.upsertConnection(candidate);
  ctx.cache.delete(record.id);
  await ctx.emit(created ? 'connected' : 'reconnected', record);
  return ctx.view(record);
}
