import { UsageError } from './args.js';
import { authorizeCommand } from './commands/authorize.js';
import type { Command } from './commands/command.js';
import { logoutCommand } from './commands/logout.js';
import { profilesCommand } from './commands/profiles.js';
import { requestCommand } from './commands/request.js';
import { signCommand } from './commands/sign.js';
import { describeError, EXIT } from './errors.js';
import { type Io, Output } from './output.js';
import { configDir, ProfileStore } from './profile-store.js';

export const COMMANDS: readonly Command[] = [
  authorizeCommand,
  requestCommand,
  signCommand,
  profilesCommand,
  logoutCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: oauth1a <command> [options]

OAuth 1.0a from the terminal: authorize once, then sign and send requests with the stored token.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run "oauth1a <command> --help" for the options of a command.
Profiles live in $XDG_CONFIG_HOME/oauth1a (default ~/.config/oauth1a).
Exit codes: 0 ok, 1 the request or the authorization failed, 2 usage (bad or missing input).
`;
}

/** Runs one command line; resolves with the exit code and never throws. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const out = new Output(io);
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      if (name === 'help' && rest[0] !== undefined) return run([rest[0], '--help'], io);
      io.stdout.write(usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (command === undefined) {
      throw new UsageError(
        `unknown command ${JSON.stringify(name)}`,
        `use one of ${COMMANDS.map((c) => c.name).join(', ')} (see "oauth1a --help")`,
      );
    }
    return await command.run(rest, { io, out, store: new ProfileStore(configDir(io.env)) });
  } catch (error) {
    const { message, fix, exitCode } = describeError(error);
    out.err(`oauth1a: error: ${message}`);
    if (fix !== undefined) out.err(`oauth1a: fix: ${fix}`);
    return exitCode;
  }
}
