import { formatOAuthParams, signRequest } from '@oauth1a/core';
import { parseCommand, targetUrl, UsageError } from '../args.js';
import { EXIT } from '../errors.js';
import type { Command, CommandContext } from './command.js';
import {
  REQUEST_OPTIONS,
  REQUEST_OPTIONS_HELP,
  requestParts,
  type Signer,
  signerFromFlags,
  signerFromProfile,
  transportOf,
} from './request-options.js';

const USAGE = `Usage: oauth1a sign [options] URL

Prints what signs a request, without sending it: the Authorization header (--transport header),
the signed URL (query) or the signed body (body). --format curl prints a ready curl command.
The signature is good once: the nonce and timestamp are fresh each time.

Options:
${REQUEST_OPTIONS_HELP}
  --format header|curl     the Authorization header / signed URL / body (default), or a curl command
  --consumer-key KEY       sign with these credentials instead of a profile (or OAUTH1A_CONSUMER_KEY)
  --consumer-secret SECRET (or OAUTH1A_CONSUMER_SECRET)
  --private-key FILE       PEM private key for RSA-SHA1 / RSA-SHA256
  --token TOKEN            the access token (omit for a two-legged, consumer-only signature)
  --token-secret SECRET    (or OAUTH1A_TOKEN_SECRET)
  --signature-method M     HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT
  --realm REALM            the realm of the Authorization header

Examples:
  curl -H "$(oauth1a sign https://api.example.com/1/me)" https://api.example.com/1/me
  oauth1a sign --format curl -X POST -d status=hi https://api.example.com/1/statuses/update.json
`;

const OPTIONS = {
  ...REQUEST_OPTIONS,
  format: { type: 'string' },
  'consumer-key': { type: 'string' },
  'consumer-secret': { type: 'string' },
  'private-key': { type: 'string' },
  token: { type: 'string' },
  'token-secret': { type: 'string' },
  'signature-method': { type: 'string' },
  realm: { type: 'string' },
} as const;

/** A word for a POSIX shell, single-quoted. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand('sign', args, OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const format = values.format ?? 'header';
  if (format !== 'header' && format !== 'curl') {
    throw new UsageError(`--format must be header or curl, got ${JSON.stringify(format)}`);
  }
  const url = targetUrl(positionals, 'sign');
  const parts = requestParts(values);
  const transport = transportOf(values.transport);
  const fromFlags = values['consumer-key'] !== undefined || values.token !== undefined;
  if (fromFlags && values.profile !== undefined) {
    throw new UsageError('--profile and --consumer-key/--token exclude each other', 'pass one or the other');
  }
  const signer: Signer = fromFlags
    ? signerFromFlags(values, ctx.io.env, ctx.out)
    : signerFromProfile(ctx.store, values.profile, ctx.out);
  const contentType = parts.headers.get('content-type') ?? undefined;
  if (
    transport === 'body' &&
    parts.body === undefined &&
    (parts.method === 'GET' || parts.method === 'HEAD')
  ) {
    throw new UsageError(
      '--transport body needs a request with a body',
      'add -X POST, or use --transport header',
    );
  }
  const signed = signRequest({
    method: parts.method,
    url,
    consumer: signer.consumer,
    token: signer.token,
    signatureMethod: signer.signatureMethod,
    realm: signer.realm,
    includeVersion: signer.includeVersion,
    body: parts.body,
    contentType,
  });
  if (values.verbose === true) {
    ctx.out.err(`* signing with ${signer.label}`);
    ctx.out.err(`* base string: ${signed.baseString}`);
  }
  const encoded = formatOAuthParams(signed.oauthParams);
  const target = new URL(url);
  let body = parts.body;
  if (transport === 'header') parts.headers.set('authorization', signed.authorization);
  else if (transport === 'query')
    target.search = target.search.length > 1 ? `${target.search}&${encoded}` : `?${encoded}`;
  else {
    body = body === undefined || body === '' ? encoded : `${body}&${encoded}`;
    if (!parts.headers.has('content-type'))
      parts.headers.set('content-type', 'application/x-www-form-urlencoded');
  }

  if (signer.signatureMethod === 'PLAINTEXT') {
    ctx.out.err('warning: a PLAINTEXT signature is the secrets themselves; they are masked in this output');
  }
  if (format === 'curl') {
    // -s: without it curl draws a progress meter over the answer when stdout is not a terminal.
    const words = ['curl', '-s', '-X', parts.method];
    for (const [name, value] of parts.headers) words.push('-H', `${name}: ${value}`);
    if (body !== undefined) words.push('--data-raw', body);
    words.push(target.href);
    ctx.out.out(words.map(shellQuote).join(' '));
  } else if (transport === 'header') {
    ctx.out.out(`Authorization: ${signed.authorization}`);
  } else if (transport === 'query') {
    ctx.out.out(target.href);
  } else {
    ctx.out.out(body ?? '');
  }
  return EXIT.ok;
}

export const signCommand: Command = {
  name: 'sign',
  summary: 'print the Authorization header (or a curl command) for a request, without sending it',
  usage: USAGE,
  run,
};
