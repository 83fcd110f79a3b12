import { connectionFetch } from './access.js';
import { checkAll, testConnection } from './checks.js';
import { Context } from './context.js';
import { importToken } from './import-token.js';
import { complete, connect } from './lifecycle.js';
import { getConnection, listConnections, removeConnection, renameConnection } from './manage.js';
import type { Connections, ConnectionsOptions } from './types.js';

/**
 * Stored OAuth 1.0a connections on any store: connect and complete (one callback URL for every
 * provider), list, get, a signed fetch that notices a revoked token, test, checkAll, importToken,
 * rename and remove. Every failure is an `OAuth1Error`; nothing returned ever holds a secret.
 */
export function createConnections(options: ConnectionsOptions): Connections {
  const ctx = new Context(options);
  return {
    callbackUrl: ctx.callbackUrl,
    connect: (input) => connect(ctx, input),
    complete: (input) => complete(ctx, input),
    list: (owner) => listConnections(ctx, owner),
    get: (owner, id) => getConnection(ctx, owner, id),
    fetch: (owner, id) => connectionFetch(ctx, owner, id),
    test: (owner, id) => testConnection(ctx, owner, id),
    checkAll: (input) => checkAll(ctx, input),
    importToken: (input) => importToken(ctx, input),
    rename: (owner, id, label) => renameConnection(ctx, owner, id, label),
    remove: (owner, id) => removeConnection(ctx, owner, id),
  };
}
