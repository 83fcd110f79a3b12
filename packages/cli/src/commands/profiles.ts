import { parseCommand, UsageError } from '../args.js';
import { EXIT } from '../errors.js';
import type { StoredProfile } from '../profile-store.js';
import type { Command, CommandContext } from './command.js';

const USAGE = `Usage: oauth1a profiles [--json]

Lists the stored profiles, most recently authorized first: name, provider, identity, date.

Options:
  --json       one JSON array (names, providers, identities and dates; never secrets)
  -h, --help   show this help
`;

const OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

function providerLabel(profile: StoredProfile): string {
  return 'preset' in profile.provider ? profile.provider.preset : profile.provider.config.id;
}

function identity(profile: StoredProfile): string {
  const p = profile.params;
  const name = profile.profile?.name ?? p.screen_name ?? p.username;
  const id = profile.profile?.id ?? p.user_id;
  if (name !== undefined && id !== undefined) return `${name} (${id})`;
  return name ?? id ?? '-';
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand('profiles', args, OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const rows = ctx.store.list().map((profile) => ({
    name: profile.name,
    provider: providerLabel(profile),
    identity: identity(profile),
    authorizedAt: profile.authorizedAt,
  }));
  if (values.json === true) {
    ctx.out.out(JSON.stringify(rows, null, 2));
    return EXIT.ok;
  }
  if (rows.length === 0) {
    ctx.out.err(`No profiles in ${ctx.store.dir}; run "oauth1a authorize" to add one.`);
    return EXIT.ok;
  }
  const table = [
    ['NAME', 'PROVIDER', 'IDENTITY', 'AUTHORIZED'],
    ...rows.map((r) => [r.name, r.provider, r.identity, r.authorizedAt]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table)
    ctx.out.out(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
  return EXIT.ok;
}

export const profilesCommand: Command = {
  name: 'profiles',
  summary: 'list the stored profiles',
  usage: USAGE,
  run,
};
