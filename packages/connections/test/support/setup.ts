// The lifecycle tests' setup: a mock provider, a connections instance on a store, and a browserless
// "user approves at the provider" step.

import type { MockProviderOptions } from '@oauth1a/mock-provider';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import {
  type ConnectInput,
  type Connection,
  type ConnectionEvent,
  type Connections,
  type ConnectionsOptions,
  createConnections,
} from '../../src/index.js';
import type { StoreHandle } from './stores.js';

export const SECRET = 'a-connections-secret-of-at-least-32-chars!';
export const CALLBACK = 'http://127.0.0.1:3000/connections/callback';

export interface Setup {
  mock: MockProvider;
  connections: Connections;
  events: ConnectionEvent[];
  /** Another createConnections on the same data (a second app instance). */
  another(options?: Partial<ConnectionsOptions>): Connections;
  options: ConnectionsOptions;
}

export async function setup(
  handle: StoreHandle,
  mockOptions: MockProviderOptions = {},
  options: Partial<ConnectionsOptions> = {},
): Promise<Setup> {
  const mock = await startMockProvider(mockOptions);
  const events: ConnectionEvent[] = [];
  const base: ConnectionsOptions = {
    store: handle.store,
    secret: SECRET,
    callbackUrl: CALLBACK,
    providers: { mock: { provider: mock.provider, consumer: mock.consumer } },
    onChange: (event) => {
      events.push(event);
    },
    ...options,
  };
  return {
    mock,
    connections: createConnections(base),
    events,
    options: base,
    another: (more = {}) => createConnections({ ...base, store: handle.another(), ...more }),
  };
}

export function requestTokenOf(authorizeUrl: string): string {
  return new URL(authorizeUrl).searchParams.get('oauth_token')!;
}

/** connect → the user approves as `userId` at the mock → the callback's query. */
export async function authorize(
  s: Setup,
  input: Omit<ConnectInput, 'provider'> & { provider?: string },
  userId?: string,
): Promise<URLSearchParams> {
  const { authorizeUrl } = await s.connections.connect({ provider: 'mock', ...input });
  return new URL(s.mock.approve(requestTokenOf(authorizeUrl), userId)).searchParams;
}

/** A whole connect, as `owner`, approved by the mock's user `userId`. */
export async function connectAs(
  s: Setup,
  owner: string,
  userId?: string,
  extra: Partial<ConnectInput> = {},
): Promise<Connection> {
  const query = await authorize(s, { owner, ...extra }, userId);
  return (await s.connections.complete({ owner, query })).connection;
}

/** The access tokens the mock issued, newest last (from its log of access-token answers). */
export function accessTokenCount(mock: MockProvider): number {
  return mock.log.filter((entry) => entry.endpoint === 'access_token' && entry.status === 200).length;
}

/** The access token of the mock's latest successful "who am I" (the one a connection just stored). */
export function lastAccessToken(mock: MockProvider): string {
  const entry = mock.log.filter((e) => e.endpoint === 'whoami' && e.status === 200).at(-1);
  if (entry?.token === undefined) throw new Error('no whoami call in the mock log');
  return entry.token;
}
