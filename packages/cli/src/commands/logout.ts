import { parseCommand, UsageError } from '../args.js';
import { EXIT } from '../errors.js';
import type { Command, CommandContext } from './command.js';

const USAGE = `Usage: oauth1a logout NAME

Deletes the stored profile NAME (its token and secrets). The provider may keep the token valid
until you revoke the app in its settings.

Options:
  -h, --help   show this help
`;

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand('logout', args, OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const [name, ...rest] = positionals;
  if (name === undefined || rest.length > 0) {
    throw new UsageError('logout takes one profile name', 'see "oauth1a profiles" for the names');
  }
  if (!ctx.store.remove(name)) {
    throw new UsageError(`no profile named ${JSON.stringify(name)}`, 'see "oauth1a profiles" for the names');
  }
  ctx.out.out(`Deleted profile ${name}.`);
  return EXIT.ok;
}

export const logoutCommand: Command = {
  name: 'logout',
  summary: 'delete a stored profile',
  usage: USAGE,
  run,
};
