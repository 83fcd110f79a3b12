// The mock provider, imported from its built dist: @oauth1a/mock-provider depends on @oauth1a/core, so a
// package dependency back would be a cycle in turbo's build graph. turbo.json builds it before core's tests.
export {
  type Fault,
  type MockProvider,
  type MockProviderOptions,
  startMockProvider,
} from '../../../mock-provider/dist/index.js';
