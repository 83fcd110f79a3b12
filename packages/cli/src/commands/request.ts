import { createSignedFetch } from '@oauth1a/core';
import { parseCommand, targetUrl } from '../args.js';
import { EXIT } from '../errors.js';
import { verboseFetch } from '../verbose.js';
import type { Command, CommandContext } from './command.js';
import {
  REQUEST_OPTIONS,
  REQUEST_OPTIONS_HELP,
  requestParts,
  signerFromProfile,
  transportOf,
} from './request-options.js';

const USAGE = `Usage: oauth1a request [options] URL

Sends a request signed with a stored profile. The status line goes to stderr, the body to stdout
(pretty-printed when it is JSON), so that the output pipes into jq. Exits 1 on a non-2xx answer.

Options:
${REQUEST_OPTIONS_HELP}

Examples:
  oauth1a request https://api.example.com/1/account/verify_credentials.json
  oauth1a request -X POST -d status=hello --profile x-ada https://api.example.com/1/statuses/update.json
`;

/** The body as text, pretty-printed when it is JSON. */
export function formatBody(text: string, contentType: string | null): string {
  if (contentType !== null && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON after all: print it as it came.
    }
  }
  return text;
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand('request', args, REQUEST_OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const url = targetUrl(positionals, 'request');
  const parts = requestParts(values);
  const transport = transportOf(values.transport);
  const signer = signerFromProfile(ctx.store, values.profile, ctx.out);
  const signedFetch = createSignedFetch({
    consumer: signer.consumer,
    token: signer.token,
    signatureMethod: signer.signatureMethod,
    realm: signer.realm,
    includeVersion: signer.includeVersion,
    transport,
    fetch: values.verbose === true ? verboseFetch(ctx.out) : undefined,
  });
  if (values.verbose === true) ctx.out.err(`* signing with ${signer.label}`);
  const response = await signedFetch(url, {
    method: parts.method,
    headers: parts.headers,
    ...(parts.body === undefined ? {} : { body: parts.body }),
  });
  const text = await response.text();
  ctx.out.err(`HTTP ${response.status} ${response.statusText}`);
  if (text !== '') ctx.out.out(formatBody(text, response.headers.get('content-type')));
  return response.ok ? EXIT.ok : EXIT.failed;
}

export const requestCommand: Command = {
  name: 'request',
  summary: 'send a signed request with a stored profile',
  usage: USAGE,
  run,
};
