import {
  type ConsumerCredentials,
  SIGNATURE_METHODS,
  type SignatureMethod,
  type TokenCredentials,
  type Transport,
} from '@oauth1a/core';
import { flagOrEnv, headerPairs, keyValues, UsageError } from '../args.js';
import { consumerFromFlags, consumerFromProfile } from '../consumer.js';
import type { Output } from '../output.js';
import type { ProfileStore } from '../profile-store.js';
import { storedProvider } from '../provider.js';

/** Options `request` and `sign` share. */
export const REQUEST_OPTIONS = {
  profile: { type: 'string' },
  request: { type: 'string', short: 'X' },
  data: { type: 'string', short: 'd', multiple: true },
  header: { type: 'string', short: 'H', multiple: true },
  transport: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const REQUEST_OPTIONS_HELP = `  --profile NAME           the stored profile to use (default: the most recently authorized)
  -X, --request METHOD     the HTTP method (default GET, or POST with -d)
  -d, --data k=v           a form field, sent as application/x-www-form-urlencoded and signed (repeatable)
  -H, --header 'K: V'      an extra request header (repeatable)
  --transport WHERE        where the OAuth parameters go: header (default), query or body
  -v, --verbose            show the signature base string and the signed headers (secrets masked)
  -h, --help               show this help`;

/** What a request is signed with. */
export interface Signer {
  consumer: ConsumerCredentials;
  token?: TokenCredentials;
  signatureMethod?: SignatureMethod;
  realm?: string;
  includeVersion?: boolean;
  /** Who it is, for -v: the profile name or "flags". */
  label: string;
}

/** The method, headers and form body of -X / -H / -d. */
export interface RequestParts {
  method: string;
  headers: Headers;
  body: string | undefined;
}

export function requestParts(values: {
  request?: string | undefined;
  data?: string[] | undefined;
  header?: string[] | undefined;
}): RequestParts {
  const form = keyValues(values.data, '-d');
  const method = (values.request ?? (form.length > 0 ? 'POST' : 'GET')).toUpperCase();
  if (!/^[A-Z]+$/.test(method))
    throw new UsageError(`-X expects an HTTP method, got ${JSON.stringify(values.request)}`);
  if (form.length > 0 && (method === 'GET' || method === 'HEAD')) {
    throw new UsageError(
      `-d sends a body, which ${method} cannot carry`,
      'use -X POST, or put the fields in the URL query',
    );
  }
  const headers = new Headers();
  for (const [name, value] of headerPairs(values.header)) headers.append(name, value);
  let body: string | undefined;
  if (form.length > 0) {
    body = new URLSearchParams(form).toString();
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
  }
  return { method, headers, body };
}

export function transportOf(value: string | undefined): Transport {
  if (value === undefined) return 'header';
  if (value === 'header' || value === 'query' || value === 'body') return value;
  throw new UsageError(`--transport must be header, query or body, got ${JSON.stringify(value)}`);
}

/** The signer of a stored profile; its secrets are masked in `out` from here on. */
export function signerFromProfile(store: ProfileStore, name: string | undefined, out: Output): Signer {
  const profile = store.resolve(name);
  out.addSecret(profile.consumer.secret);
  out.addSecret(profile.tokenSecret);
  const provider = storedProvider(profile.provider);
  const signer: Signer = {
    consumer: consumerFromProfile(profile.consumer),
    token: { token: profile.token, secret: profile.tokenSecret },
    label: `profile ${profile.name}`,
  };
  if (provider.signatureMethod !== undefined) signer.signatureMethod = provider.signatureMethod;
  if (provider.realm !== undefined) signer.realm = provider.realm;
  if (provider.includeVersion !== undefined) signer.includeVersion = provider.includeVersion;
  return signer;
}

export interface SignerFlags {
  'consumer-key'?: string | undefined;
  'consumer-secret'?: string | undefined;
  'private-key'?: string | undefined;
  token?: string | undefined;
  'token-secret'?: string | undefined;
  'signature-method'?: string | undefined;
  realm?: string | undefined;
}

/** The signer of --consumer-key/--consumer-secret/--token/--token-secret (sign without a profile). */
export function signerFromFlags(
  flags: SignerFlags,
  env: Record<string, string | undefined>,
  out: Output,
): Signer {
  const method = flags['signature-method'];
  if (method !== undefined && !(SIGNATURE_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(
      `unknown --signature-method ${JSON.stringify(method)}`,
      `use one of ${SIGNATURE_METHODS.join(', ')}`,
    );
  }
  const signatureMethod = method as SignatureMethod | undefined;
  const { consumer } = consumerFromFlags(flags, env, {
    ...(signatureMethod === undefined ? {} : { signatureMethod }),
  });
  out.addSecret(consumer.secret);
  const signer: Signer = { consumer, label: 'command-line credentials' };
  const token = flags.token;
  const tokenSecret = flagOrEnv(flags['token-secret'], env, 'OAUTH1A_TOKEN_SECRET');
  if (token !== undefined) {
    if (tokenSecret === undefined) {
      throw new UsageError(
        '--token needs --token-secret',
        'pass --token-secret SECRET (or set OAUTH1A_TOKEN_SECRET)',
      );
    }
    out.addSecret(tokenSecret);
    signer.token = { token, secret: tokenSecret };
  } else if (flags['token-secret'] !== undefined) {
    throw new UsageError('--token-secret needs --token');
  }
  if (signatureMethod !== undefined) signer.signatureMethod = signatureMethod;
  if (flags.realm !== undefined) signer.realm = flags.realm;
  return signer;
}
