// One app instance as its own process (run with tsx by connections-processes.test.ts): an Express app with
// connectionsRoutes on a pg.Pool of its own, configured by the environment, printing its URL when ready.
import type { ProviderConfig } from '@oauth1a/core';
import type { MockProvider } from '@oauth1a/mock-provider';
import { startInstance } from './instances.js';

const provider = JSON.parse(process.env.INSTANCE_PROVIDER!) as ProviderConfig;
const consumer = JSON.parse(process.env.INSTANCE_CONSUMER!) as MockProvider['consumer'];
const instance = await startInstance(
  process.env.INSTANCE_NAME ?? 'child',
  { provider, consumer } as MockProvider,
  process.env.DATABASE_URL!,
  process.env.INSTANCE_SCHEMA!,
);
console.log(`listening ${instance.url}`);
const stop = () => {
  instance.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
