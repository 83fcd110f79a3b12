import type { ConnectionRecord } from './store.js';
import type { Connection } from './types.js';

/**
 * What an app sees of a stored connection: never a secret. A connection past its `expiresAt` that
 * cannot renew itself reads `needs_reauth`.
 */
export function toConnection(record: ConnectionRecord, now: number): Connection {
  const connection: Connection = {
    id: record.id,
    owner: record.owner,
    provider: record.provider,
    uid: record.uid,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  if (record.name !== undefined) connection.name = record.name;
  if (record.label !== undefined) connection.label = record.label;
  if (record.expiresAt !== undefined) connection.expiresAt = record.expiresAt;
  if (record.lastCheckedAt !== undefined) connection.lastCheckedAt = record.lastCheckedAt;
  if (record.lastError !== undefined) connection.lastError = { ...record.lastError };
  if (record.settings !== undefined) connection.settings = { ...record.settings };
  if (isExpired(record, now) && !record.renewable && connection.status === 'active') {
    connection.status = 'needs_reauth';
    connection.lastError = {
      code: 'connection_needs_reauth',
      message: `the token expired at ${record.expiresAt}; reconnect this connection`,
    };
  }
  return connection;
}

export function isExpired(record: Pick<ConnectionRecord, 'expiresAt'>, now: number): boolean {
  return record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now;
}
