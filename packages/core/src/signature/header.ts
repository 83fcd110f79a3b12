import { OAuth1Error } from '../errors.js';
import { percentDecode, percentEncode } from './percent-encode.js';

export interface ParsedAuthorizationHeader {
  realm?: string;
  params: Record<string, string>;
}

function quoteRealm(realm: string): string {
  // realm is an RFC 2617 quoted-string, not a percent-encoded value.
  return realm.replace(/["\\]/g, '\\$&');
}

/**
 * Formats the `Authorization: OAuth ...` header: realm first (not signed), then every `oauth_*`
 * parameter percent-encoded in double quotes, comma separated. RFC 5849 section 3.5.1.
 */
export function formatAuthorizationHeader(
  oauthParams: Readonly<Record<string, string>>,
  realm?: string,
): string {
  const encoded: Array<readonly [string, string]> = [];
  for (const name in oauthParams) encoded.push([percentEncode(name), percentEncode(oauthParams[name]!)]);
  return formatEncodedHeader(encoded, realm);
}

/** formatAuthorizationHeader for parameters whose names and values are already percent-encoded. */
export function formatEncodedHeader(encoded: readonly (readonly [string, string])[], realm?: string): string {
  let header = realm === undefined ? 'OAuth ' : `OAuth realm="${quoteRealm(realm)}"`;
  for (let i = 0; i < encoded.length; i++) {
    const [name, value] = encoded[i]!;
    header += i === 0 && realm === undefined ? `${name}="${value}"` : `, ${name}="${value}"`;
  }
  return header;
}

const SCHEME = /^\s*OAuth(?:\s+|$)/i;
const PARAM = /\s*([^\s=,"]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/**
 * Parses an `Authorization: OAuth ...` header into its realm and its decoded parameters.
 * Throws `invalid_request` for another scheme, a malformed list, or a parameter given twice.
 * RFC 5849 section 3.5.1.
 */
export function parseAuthorizationHeader(header: string): ParsedAuthorizationHeader {
  if (typeof header !== 'string') {
    throw new OAuth1Error('invalid_request', 'the Authorization header must be a string');
  }
  const scheme = SCHEME.exec(header);
  if (!scheme) {
    throw new OAuth1Error('invalid_request', 'the Authorization header does not use the OAuth scheme');
  }
  // A null prototype keeps a parameter named __proto__ an ordinary entry.
  const result: ParsedAuthorizationHeader = { params: Object.create(null) as Record<string, string> };
  const seen = new Set<string>();
  let position = scheme[0].length;
  const rest = header.slice(position).trim();
  if (rest === '') return result;
  PARAM.lastIndex = position;
  while (position < header.length) {
    const match = PARAM.exec(header);
    if (!match) {
      if (header.slice(position).trim() === '') break;
      throw new OAuth1Error(
        'invalid_request',
        `the OAuth Authorization header is malformed near character ${position}: expected name="value" pairs separated by commas`,
      );
    }
    const rawName = match[1]!;
    const rawValue = match[2]!;
    position = PARAM.lastIndex;
    if (rawName.toLowerCase() === 'realm') {
      if (result.realm !== undefined) throw duplicate('realm');
      result.realm = rawValue.replace(/\\(.)/g, '$1');
      continue;
    }
    const name = percentDecode(rawName);
    if (seen.has(name)) throw duplicate(name);
    seen.add(name);
    result.params[name] = percentDecode(rawValue);
    if (match[3] === '') break;
  }
  return result;
}

function duplicate(name: string): OAuth1Error {
  return new OAuth1Error('invalid_request', `the Authorization header carries ${name} more than once`);
}
