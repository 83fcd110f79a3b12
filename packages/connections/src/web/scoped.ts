import type {
  ConnectInput,
  Connection,
  Connections,
  ImportTokenInput,
  RemoveResult,
  SignedFetch,
} from '../types.js';

/**
 * One owner's connections: what `req.connections` (Express) and `ctx.state.connections` (Koa) hold.
 * Every call is the `Connections` one with the owner filled in, so a route cannot reach another
 * owner's rows by passing an id.
 */
export interface OwnerConnections {
  readonly owner: string;
  list(): Promise<Connection[]>;
  get(id: string): Promise<Connection | undefined>;
  /** A signed `fetch` for the connection, limited to its provider's API origins. */
  fetch(id: string): Promise<SignedFetch>;
  test(id: string): Promise<Connection>;
  rename(id: string, label: string): Promise<Connection>;
  remove(id: string): Promise<RemoveResult>;
  connect(input: Omit<ConnectInput, 'owner'>): Promise<{ authorizeUrl: string }>;
  importToken(input: Omit<ImportTokenInput, 'owner'>): Promise<Connection>;
}

export function ownerConnections(connections: Connections, owner: string): OwnerConnections {
  return {
    owner,
    list: () => connections.list(owner),
    get: (id) => connections.get(owner, id),
    fetch: (id) => connections.fetch(owner, id),
    test: (id) => connections.test(owner, id),
    rename: (id, label) => connections.rename(owner, id, label),
    remove: (id) => connections.remove(owner, id),
    connect: (input) => connections.connect({ ...input, owner }),
    importToken: (input) => connections.importToken({ ...input, owner }),
  };
}
