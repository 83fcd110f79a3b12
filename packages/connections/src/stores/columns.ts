import type { ConnectionPatch, ConnectionRecord, PendingRecord, UpdateGuard } from '../store.js';
import type { ConnectionError } from '../types.js';

/** A value a SQL driver binds: text, a number, or NULL. */
export type SqlValue = string | number | null;

/** The connection columns, in insert order. */
export const CONNECTION_COLUMNS = [
  'id',
  'owner',
  'provider',
  'uid',
  'name',
  'label',
  'status',
  'created_at',
  'updated_at',
  'expires_at',
  'last_checked_at',
  'last_error',
  'consumer_key',
  'settings',
  'renewable',
  'sealed',
] as const;

export const PENDING_COLUMNS = [
  'request_token',
  'owner',
  'provider',
  'sealed',
  'consumer_key',
  'callback_url',
  'return_to',
  'label',
  'settings',
  'reconnect_id',
  'created_at',
  'expires_at',
] as const;

const PATCH_COLUMNS: { [K in keyof Required<ConnectionPatch>]: string } = {
  name: 'name',
  label: 'label',
  status: 'status',
  updatedAt: 'updated_at',
  expiresAt: 'expires_at',
  lastCheckedAt: 'last_checked_at',
  lastError: 'last_error',
  renewable: 'renewable',
  sealed: 'sealed',
};

const json = (value: object | undefined | null): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

export function connectionValues(record: ConnectionRecord): SqlValue[] {
  return [
    record.id,
    record.owner,
    record.provider,
    record.uid,
    record.name ?? null,
    record.label ?? null,
    record.status,
    record.createdAt,
    record.updatedAt,
    record.expiresAt ?? null,
    record.lastCheckedAt ?? null,
    json(record.lastError),
    record.consumerKey ?? null,
    json(record.settings),
    record.renewable ? 1 : 0,
    record.sealed,
  ];
}

export function pendingValues(record: PendingRecord): SqlValue[] {
  return [
    record.requestToken,
    record.owner,
    record.provider,
    record.sealed,
    record.consumerKey ?? null,
    record.callbackUrl,
    record.returnTo ?? null,
    record.label ?? null,
    json(record.settings),
    record.reconnectId ?? null,
    record.createdAt,
    record.expiresAt,
  ];
}

/** The `column = value` pairs of a patch (booleans as 0/1, objects as JSON, null clears). */
export function patchColumns(patch: ConnectionPatch): [string, SqlValue][] {
  const out: [string, SqlValue][] = [];
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof ConnectionPatch, string][]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null) out.push([column, null]);
    else if (typeof value === 'boolean') out.push([column, value ? 1 : 0]);
    else if (typeof value === 'object') out.push([column, JSON.stringify(value)]);
    else out.push([column, value]);
  }
  return out;
}

/** The `column = value` conditions of a compare-and-set guard. */
export function guardColumns(guard: UpdateGuard): [string, SqlValue][] {
  const out: [string, SqlValue][] = [];
  if (guard.sealed !== undefined) out.push(['sealed', guard.sealed]);
  if (guard.status !== undefined) out.push(['status', guard.status]);
  return out;
}

type Row = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);

/** Timestamps come back as text (SQLite) or Date (PostgreSQL timestamptz). */
const iso = (value: unknown): string | undefined =>
  value === null || value === undefined
    ? undefined
    : value instanceof Date
      ? value.toISOString()
      : new Date(String(value)).toISOString();

/** JSON comes back as text (SQLite) or parsed (PostgreSQL jsonb). */
function parsed<T>(value: unknown): T | undefined {
  if (value === null || value === undefined) return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function connectionFromRow(row: Row): ConnectionRecord {
  const record: ConnectionRecord = {
    id: String(row.id),
    owner: String(row.owner),
    provider: String(row.provider),
    uid: String(row.uid),
    status: row.status === 'needs_reauth' ? 'needs_reauth' : 'active',
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    renewable: row.renewable === true || row.renewable === 1 || row.renewable === 1n,
    sealed: String(row.sealed),
  };
  const name = text(row.name);
  if (name !== undefined) record.name = name;
  const label = text(row.label);
  if (label !== undefined) record.label = label;
  const expiresAt = iso(row.expires_at);
  if (expiresAt !== undefined) record.expiresAt = expiresAt;
  const lastCheckedAt = iso(row.last_checked_at);
  if (lastCheckedAt !== undefined) record.lastCheckedAt = lastCheckedAt;
  const lastError = parsed<ConnectionError>(row.last_error);
  if (lastError !== undefined) record.lastError = lastError;
  const consumerKey = text(row.consumer_key);
  if (consumerKey !== undefined) record.consumerKey = consumerKey;
  const settings = parsed<Record<string, string>>(row.settings);
  if (settings !== undefined) record.settings = settings;
  return record;
}

export function pendingFromRow(row: Row): PendingRecord {
  const record: PendingRecord = {
    requestToken: String(row.request_token),
    owner: String(row.owner),
    provider: String(row.provider),
    sealed: String(row.sealed),
    callbackUrl: String(row.callback_url),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
  const consumerKey = text(row.consumer_key);
  if (consumerKey !== undefined) record.consumerKey = consumerKey;
  const returnTo = text(row.return_to);
  if (returnTo !== undefined) record.returnTo = returnTo;
  const label = text(row.label);
  if (label !== undefined) record.label = label;
  const settings = parsed<Record<string, string>>(row.settings);
  if (settings !== undefined) record.settings = settings;
  const reconnectId = text(row.reconnect_id);
  if (reconnectId !== undefined) record.reconnectId = reconnectId;
  return record;
}

/** The ON CONFLICT update of an upsert: everything but id and created_at; label and settings kept when absent. */
export function upsertUpdate(table: string): string {
  return [
    'name = excluded.name',
    `label = COALESCE(excluded.label, ${table}.label)`,
    'status = excluded.status',
    'updated_at = excluded.updated_at',
    'expires_at = excluded.expires_at',
    'last_checked_at = excluded.last_checked_at',
    'last_error = NULL',
    'consumer_key = excluded.consumer_key',
    `settings = COALESCE(excluded.settings, ${table}.settings)`,
    'renewable = excluded.renewable',
    'sealed = excluded.sealed',
  ].join(', ');
}
