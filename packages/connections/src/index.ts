// The public surface of @oauth1a/connections. The SQL stores are their own entry points
// (@oauth1a/connections/sqlite, @oauth1a/connections/postgres), so an app loads only the one it uses.

export { isOAuth1Error, OAuth1Error, type OAuth1ErrorCode } from '@oauth1a/core';
export { createConnections } from './connections.js';
export type {
  ConnectionPatch,
  ConnectionRecord,
  ConnectionStore,
  PendingRecord,
  UpdateGuard,
} from './store.js';
export { memoryStore } from './stores/memory.js';
export type {
  CheckAllInput,
  CompleteInput,
  ConnectInput,
  Connection,
  ConnectionError,
  ConnectionEvent,
  ConnectionStatus,
  Connections,
  ConnectionsOptions,
  ConnectionsSecret,
  ImportTokenInput,
  ProviderEntry,
  RemoveResult,
  SignedFetch,
} from './types.js';
export { MAX_FORM_BYTES } from './web/form.js';
export {
  type ConnectionsHandler,
  type ConnectionsHandlerOptions,
  type ConnectionsHolder,
  createConnectionsHandler,
  type ProviderForm,
} from './web/handler.js';
export { type OwnerConnections, ownerConnections } from './web/scoped.js';
