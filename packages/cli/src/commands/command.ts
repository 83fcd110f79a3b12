import type { Io, Output } from '../output.js';
import type { ProfileStore } from '../profile-store.js';

export interface CommandContext {
  io: Io;
  out: Output;
  store: ProfileStore;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves with the exit code; throws UsageError or OAuth1Error for the caller to print. */
  run(args: readonly string[], ctx: CommandContext): Promise<number>;
}
