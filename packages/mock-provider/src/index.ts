// The public surface of @oauth1a/mock-provider.
export { ENDPOINT_NAMES, type EndpointName, type Fault } from './faults.js';
export type { LogEntry } from './http.js';
export {
  type MockConsumerCredentials,
  type MockEndpoints,
  type MockProvider,
  startMockProvider,
} from './mock-provider.js';
export {
  DEFAULT_USERS,
  generateRsaKeyPair,
  type MockConsumer,
  type MockProviderOptions,
  type MockUser,
} from './options.js';
