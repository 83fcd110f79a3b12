import { parseArgs } from 'node:util';
import { SIGNATURE_METHODS, type SignatureMethod } from '@oauth1a/core';
import { type MockProviderOptions, randomToken } from './options.js';

export const USAGE = `Usage: oauth1a-mock-provider [options]

A strict local OAuth 1.0a provider. Prints its consumer key/secret and endpoints, runs until Ctrl+C.

Options:
  -p, --port <n>                 port to listen on (default 0: a free port)
      --host <host>              interface to listen on (default 127.0.0.1)
      --consumer-key <key>       key of the consumer (default: random)
      --consumer-secret <secret> secret of the consumer (default: random)
      --consumer-name <name>     application name on the authorize page (default "Mock App")
      --json-tokens              answer the token legs in JSON
      --realm <realm>            require this realm in the Authorization header
      --oauth10                  OAuth 1.0: no oauth_callback_confirmed, no verifier
      --token-leg-method <m>     POST (default), GET or any
      --shared-token-url         one URL (/oauth) for both token legs (Evernote)
      --session-handles          oauth_session_handle + oauth_expires_in, token renewal (Yahoo)
      --denial-style <style>     denied (default) or oauth_problem
      --signature-methods <list> comma-separated accepted methods (default: all six)
      --request-token-ttl <s>    request token lifetime in seconds (default 600)
      --auto-approve             approve at once as the first user (benchmarks)
      --two-legged               /api/echo also accepts requests signed with the consumer only
      --json                     print the startup details as one JSON line
  -q, --quiet                    do not print a line per request
  -h, --help                     show this help
`;

export interface CliConfig {
  help: boolean;
  json: boolean;
  quiet: boolean;
  options: MockProviderOptions;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new TypeError(`${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

/** The command line as startMockProvider options; throws a TypeError naming the bad flag. */
export function parseCli(argv: readonly string[]): CliConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'consumer-key': { type: 'string' },
      'consumer-secret': { type: 'string' },
      'consumer-name': { type: 'string' },
      'json-tokens': { type: 'boolean' },
      realm: { type: 'string' },
      oauth10: { type: 'boolean' },
      'token-leg-method': { type: 'string' },
      'shared-token-url': { type: 'boolean' },
      'session-handles': { type: 'boolean' },
      'denial-style': { type: 'string' },
      'signature-methods': { type: 'string' },
      'request-token-ttl': { type: 'string' },
      'auto-approve': { type: 'boolean' },
      'two-legged': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const options: MockProviderOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new TypeError('--port must be a number from 0 to 65535');
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  const key = values['consumer-key'];
  const secret = values['consumer-secret'];
  const name = values['consumer-name'];
  if (key !== undefined || secret !== undefined || name !== undefined) {
    options.consumers = [
      {
        key: key ?? `ck_${randomToken(12)}`,
        secret: secret ?? randomToken(24),
        ...(name === undefined ? {} : { name }),
      },
    ];
  }
  if (values['json-tokens'] === true) options.tokenResponse = 'json';
  if (values.realm !== undefined) options.realm = values.realm;
  if (values.oauth10 === true) options.oauth10 = true;
  const legMethod = values['token-leg-method'];
  if (legMethod !== undefined)
    options.tokenLegMethod = oneOf(legMethod, ['POST', 'GET', 'any'] as const, '--token-leg-method');
  if (values['shared-token-url'] === true) options.sharedTokenUrl = true;
  if (values['session-handles'] === true) options.sessionHandles = true;
  const denial = values['denial-style'];
  if (denial !== undefined)
    options.denialStyle = oneOf(denial, ['denied', 'oauth_problem'] as const, '--denial-style');
  const methods = values['signature-methods'];
  if (methods !== undefined) {
    options.signatureMethods = methods
      .split(',')
      .map((method) => oneOf<SignatureMethod>(method.trim(), SIGNATURE_METHODS, '--signature-methods'));
  }
  const ttl = values['request-token-ttl'];
  if (ttl !== undefined) {
    if (!/^\d+$/.test(ttl)) throw new TypeError('--request-token-ttl must be whole seconds');
    options.requestTokenTtlMs = Number(ttl) * 1000;
  }
  if (values['auto-approve'] === true) options.autoApprove = true;
  if (values['two-legged'] === true) options.twoLegged = true;
  return { help: values.help === true, json: values.json === true, quiet: values.quiet === true, options };
}
