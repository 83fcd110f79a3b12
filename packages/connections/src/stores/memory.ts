import type { ConnectionPatch, ConnectionRecord, ConnectionStore, PendingRecord } from '../store.js';

const copy = <T>(value: T): T => structuredClone(value);

/** Applies a patch: `null` clears an optional field. */
export function applyPatch(record: ConnectionRecord, patch: ConnectionPatch): ConnectionRecord {
  const next: ConnectionRecord = { ...record };
  for (const [key, value] of Object.entries(patch) as [keyof ConnectionPatch, unknown][]) {
    if (value === undefined) continue;
    if (value === null) delete (next as unknown as Record<string, unknown>)[key];
    else (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

/**
 * Connections in this process's memory: for tests, demos and single-process apps that may lose their
 * connections on restart. Holds the same behaviour as the SQL stores (the shared contract tests).
 */
export function memoryStore(): ConnectionStore {
  const pending = new Map<string, PendingRecord>();
  const connections = new Map<string, ConnectionRecord>();
  const byAccount = (record: Pick<ConnectionRecord, 'owner' | 'provider' | 'uid'>) =>
    [...connections.values()].find(
      (row) => row.owner === record.owner && row.provider === record.provider && row.uid === record.uid,
    );
  const owned = (owner: string, id: string) => {
    const record = connections.get(id);
    return record !== undefined && record.owner === owner ? record : undefined;
  };
  return {
    async migrate() {},
    async putPending(record) {
      pending.set(record.requestToken, copy(record));
    },
    async takePending(requestToken) {
      const record = pending.get(requestToken);
      pending.delete(requestToken);
      return record === undefined ? undefined : copy(record);
    },
    async prunePending(now) {
      let count = 0;
      for (const [token, record] of pending) {
        if (record.expiresAt < now) {
          pending.delete(token);
          count++;
        }
      }
      return count;
    },
    async upsertConnection(record) {
      const existing = byAccount(record);
      if (existing === undefined) {
        connections.set(record.id, copy(record));
        return { record: copy(record), created: true };
      }
      const next: ConnectionRecord = {
        ...copy(record),
        id: existing.id,
        createdAt: existing.createdAt,
        label: record.label ?? existing.label,
        settings: record.settings ?? existing.settings,
        lastError: undefined,
      };
      connections.set(existing.id, next);
      return { record: copy(next), created: false };
    },
    async updateConnection(owner, id, patch, guard = {}) {
      const record = owned(owner, id);
      if (record === undefined) return undefined;
      if (guard.sealed !== undefined && record.sealed !== guard.sealed) return undefined;
      if (guard.status !== undefined && record.status !== guard.status) return undefined;
      const next = applyPatch(record, patch);
      connections.set(id, next);
      return copy(next);
    },
    async getConnection(owner, id) {
      const record = owned(owner, id);
      return record === undefined ? undefined : copy(record);
    },
    async listConnections(owner) {
      return [...connections.values()]
        .filter((record) => record.owner === owner)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
        .map(copy);
    },
    async deleteConnection(owner, id) {
      const record = owned(owner, id);
      if (record === undefined) return undefined;
      connections.delete(id);
      return copy(record);
    },
    async dueForCheck(checkedBefore, limit) {
      return [...connections.values()]
        .filter((record) => record.lastCheckedAt === undefined || record.lastCheckedAt < checkedBefore)
        .sort((a, b) => (a.lastCheckedAt ?? '').localeCompare(b.lastCheckedAt ?? ''))
        .slice(0, limit)
        .map(copy);
    },
  };
}
