// The programmatic surface of @oauth1a/cli: run a command line in-process, and read stored profiles.
export { UsageError } from './args.js';
export type { Command } from './commands/command.js';
export { describeError, EXIT } from './errors.js';
export type { Io } from './output.js';
export { configDir, ProfileStore, type StoredProfile } from './profile-store.js';
export type { ProviderSource } from './provider.js';
export { redact } from './redact.js';
export { COMMANDS, run } from './run.js';
