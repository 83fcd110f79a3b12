import { createInterface } from 'node:readline';
import {
  type AccessCredentials,
  type CompleteResult,
  createOAuth1Flow,
  OAuth1Error,
  type ProviderConfig,
} from '@oauth1a/core';
import { duration, keyValues, parseCommand, UsageError } from '../args.js';
import { consumerFromFlags } from '../consumer.js';
import { EXIT } from '../errors.js';
import { startLoopback } from '../loopback.js';
import { openBrowser } from '../open-browser.js';
import { checkName, profileName, type StoredProfile } from '../profile-store.js';
import { presetNames, resolveProvider } from '../provider.js';
import type { Command, CommandContext } from './command.js';

const USAGE = `Usage: oauth1a authorize --provider <preset|file.json> --consumer-key KEY --consumer-secret SECRET [options]

Runs the three legs of OAuth 1.0a and saves the access token as a profile.

Options:
  --provider <preset|file.json>  a preset name or a provider JSON file (required)
  --consumer-key KEY             the consumer key (or OAUTH1A_CONSUMER_KEY)
  --consumer-secret SECRET       the consumer secret (or OAUTH1A_CONSUMER_SECRET)
  --private-key FILE             PEM private key, for RSA-SHA1 / RSA-SHA256 providers
  --setting k=v                  a preset (or provider file) setting such as accountId=123 (repeatable)
  --param k=v                    an extra query parameter on the authorize URL, e.g. scope=read (repeatable)
  --oob                          PIN flow: no callback server, type the PIN the provider shows
  --profile-name NAME            save as NAME (default: <provider>-<screen name or user id>)
  --no-open                      print the authorize URL without opening a browser
  --timeout DURATION             how long to wait for the callback: 90, 90s or 5m (default 5m)
  -h, --help                     show this help

Presets: ${presetNames().join(', ')}

Examples:
  oauth1a authorize --provider ./provider.json --consumer-key ck --consumer-secret cs
  oauth1a authorize --provider netsuite --setting accountId=1234567-SB1 --consumer-key ck --consumer-secret cs
`;

const OPTIONS = {
  provider: { type: 'string' },
  'consumer-key': { type: 'string' },
  'consumer-secret': { type: 'string' },
  'private-key': { type: 'string' },
  setting: { type: 'string', multiple: true },
  param: { type: 'string', multiple: true },
  oob: { type: 'boolean' },
  'profile-name': { type: 'string' },
  'no-open': { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

/** Who authorized, from the "who am I" profile or the access-token params. */
export function identityOf(credentials: AccessCredentials): {
  handle: string | undefined;
  id: string | undefined;
} {
  const p = credentials.params;
  const handle = credentials.profile?.name ?? p.screen_name ?? p.username ?? p.user_name ?? p.fullname;
  const id = credentials.profile?.id ?? p.user_id ?? p.user_nsid ?? p.userid ?? p.id;
  return { handle, id };
}

/** Reads one line (the PIN) from stdin; rejects with missing_verifier when stdin ends first. */
function readPin(ctx: CommandContext, providerName: string): Promise<string> {
  ctx.out.prompt(`Enter the PIN ${providerName} shows after you approve: `);
  const rl = createInterface({ input: ctx.io.stdin, terminal: false });
  return new Promise((resolve, reject) => {
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      resolve(line.trim());
    });
    rl.once('close', () => {
      if (!done) reject(new OAuth1Error('missing_verifier', 'stdin ended before a PIN was entered'));
    });
  });
}

async function runLegs(
  ctx: CommandContext,
  flow: ReturnType<typeof createOAuth1Flow>,
  provider: ProviderConfig,
  flags: { oob: boolean; open: boolean; timeoutMs: number; authorizeParams: Record<string, string> },
): Promise<CompleteResult> {
  const show = (authorizeUrl: string): void => {
    ctx.out.out(`Open this URL to authorize with ${provider.name}:\n\n  ${authorizeUrl}\n`);
    if (flags.open && ctx.io.stdoutIsTTY && openBrowser(authorizeUrl, ctx.io.env, ctx.io.platform)) {
      ctx.out.out('(opened in your browser)');
    }
  };
  if (flags.oob) {
    const begun = await flow.begin(
      { status: 'idle' },
      { callbackUrl: 'oob', authorizeParams: flags.authorizeParams },
    );
    show(begun.authorizeUrl);
    const pin = await readPin(ctx, provider.name);
    if (pin === '') throw new OAuth1Error('missing_verifier', 'no PIN was entered');
    return flow.complete(begun.state, { oauth_token: begun.pending.requestToken, oauth_verifier: pin });
  }
  const loopback = await startLoopback(flags.timeoutMs);
  try {
    const begun = await flow.begin(
      { status: 'idle' },
      { callbackUrl: loopback.callbackUrl, authorizeParams: flags.authorizeParams },
    );
    show(begun.authorizeUrl);
    ctx.out.out(`Waiting for the callback on ${loopback.callbackUrl} ...`);
    const callback = await loopback.callback;
    try {
      const result = await flow.complete(begun.state, callback.query);
      await callback.reply(true, `oauth1a is authorized with ${provider.name}.`);
      return result;
    } catch (error) {
      const code = error instanceof OAuth1Error ? error.code : 'internal_error';
      await callback.reply(false, `The authorization did not complete (${code}); see the terminal.`);
      throw error;
    }
  } finally {
    await loopback.close();
  }
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand('authorize', args, OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(
      `unexpected argument ${JSON.stringify(positionals[0])}`,
      'see "oauth1a authorize --help"',
    );
  if (values.provider === undefined) {
    throw new UsageError('--provider is required', 'pass --provider <preset> or --provider ./provider.json');
  }
  const requestedName = values['profile-name'] === undefined ? undefined : checkName(values['profile-name']);
  const settings = Object.fromEntries(keyValues(values.setting, '--setting'));
  const authorizeParams = Object.fromEntries(keyValues(values.param, '--param'));
  const timeoutMs = duration(values.timeout, '--timeout', DEFAULT_TIMEOUT_MS);
  const { config: provider, source } = resolveProvider(values.provider, settings);
  const { consumer, stored } = consumerFromFlags(values, ctx.io.env, provider);
  ctx.out.addSecret(consumer.secret);
  const flow = createOAuth1Flow({ provider, consumer });

  const { credentials } = await runLegs(ctx, flow, provider, {
    oob: values.oob === true,
    open: values['no-open'] !== true,
    timeoutMs,
    authorizeParams,
  });
  ctx.out.addSecret(credentials.tokenSecret);

  const { handle, id } = identityOf(credentials);
  const name = requestedName ?? profileName(provider.id, handle ?? id ?? '');
  const profile: StoredProfile = {
    version: 1,
    name,
    provider: source,
    consumer: stored,
    token: credentials.token,
    tokenSecret: credentials.tokenSecret,
    params: credentials.params,
    authorizedAt: new Date(credentials.authorizedAt).toISOString(),
  };
  if (credentials.profile !== undefined) profile.profile = credentials.profile;
  const path = ctx.store.save(profile);
  const who =
    handle === undefined ? (id ?? 'an unnamed user') : id === undefined ? handle : `${handle} (id ${id})`;
  ctx.out.out(`Authorized as ${who} with ${provider.name}.`);
  ctx.out.out(`Saved profile ${name} to ${path}`);
  return EXIT.ok;
}

export const authorizeCommand: Command = {
  name: 'authorize',
  summary: 'run the three legs and save the access token as a profile',
  usage: USAGE,
  run,
};
