import { OAuth1Error } from '../errors.js';
import {
  isSignatureMethod,
  SIGNATURE_METHODS,
  type SignatureMethod,
} from '../signature/signature-methods.js';

/** "Who am I": where to fetch the signed-in user, and JSON paths (`a.b.0.c`) to their id and name. */
export interface ProfileMapping {
  url: string;
  id: string;
  name?: string;
}

/**
 * An OAuth 1.0a provider as plain JSON data, so it can be stored in a database. Every quirk is a field;
 * flow code never tests `id`.
 */
export interface ProviderConfig {
  id: string;
  name: string;
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
  signatureMethod?: SignatureMethod;
  realm?: string;
  /** Extra parameters on the request-token leg (e.g. X's `x_auth_access_type`). */
  requestTokenParams?: Record<string, string>;
  /** Extra query on the authorize redirect (Trello `name`/`scope`/`expiration`, Flickr `perms`). */
  authorizeParams?: Record<string, string>;
  accessTokenParams?: Record<string, string>;
  /** Default `'auto'`: JSON when the content type or the body says so, else urlencoded. */
  tokenResponse?: 'urlencoded' | 'json' | 'auto';
  /** Default POST (Evernote: GET). */
  requestTokenMethod?: 'POST' | 'GET';
  accessTokenMethod?: 'POST' | 'GET';
  /** Default true: require `oauth_callback_confirmed=true` (OAuth 1.0 providers such as TripIt: false). */
  callbackConfirmed?: boolean;
  /** Default true (Goodreads, TripIt: false). */
  sendsVerifier?: boolean;
  /** OAuth 1.0 style: `oauth_callback` also on the authorize redirect. */
  callbackOnAuthorizeUrl?: boolean;
  /** Send `oauth_version="1.0"`; default true. */
  includeVersion?: boolean;
  profile?: ProfileMapping;
}

const URL_FIELDS = ['requestTokenUrl', 'authorizeUrl', 'accessTokenUrl'] as const;
const PARAM_FIELDS = ['requestTokenParams', 'authorizeParams', 'accessTokenParams'] as const;
const BOOLEAN_FIELDS = [
  'callbackConfirmed',
  'sendsVerifier',
  'callbackOnAuthorizeUrl',
  'includeVersion',
] as const;

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isStringRecord(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

/** Every problem with a provider config, as "field: what is wrong" lines; empty when it is valid. */
export function providerConfigProblems(config: unknown): string[] {
  // The usual slip with presets: `provider: trello` instead of `provider: trello({ appName })`.
  if (typeof config === 'function') {
    const name = config.name === '' ? 'preset' : config.name;
    return [
      `provider is the function ${name} itself, not a config: call it, as in provider: ${name}({ ... }) with its settings (a preset from @oauth1a/core/providers returns a ProviderConfig)`,
    ];
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return ['provider must be an object (a ProviderConfig or a preset)'];
  }
  const c = config as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ['id', 'name'] as const) {
    if (typeof c[field] !== 'string' || c[field] === '') problems.push(`${field} must be a non-empty string`);
  }
  for (const field of URL_FIELDS) {
    if (!isHttpUrl(c[field])) problems.push(`${field} must be an absolute http(s) URL`);
  }
  if (c.signatureMethod !== undefined && !isSignatureMethod(c.signatureMethod)) {
    problems.push(`signatureMethod must be one of ${SIGNATURE_METHODS.join(', ')}`);
  }
  if (c.realm !== undefined && typeof c.realm !== 'string') problems.push('realm must be a string');
  for (const field of PARAM_FIELDS) {
    if (c[field] !== undefined && !isStringRecord(c[field]))
      problems.push(`${field} must be an object of string values`);
  }
  if (c.tokenResponse !== undefined && !['urlencoded', 'json', 'auto'].includes(c.tokenResponse as string)) {
    problems.push('tokenResponse must be "urlencoded", "json" or "auto"');
  }
  for (const field of ['requestTokenMethod', 'accessTokenMethod'] as const) {
    if (c[field] !== undefined && c[field] !== 'GET' && c[field] !== 'POST')
      problems.push(`${field} must be "GET" or "POST"`);
  }
  for (const field of BOOLEAN_FIELDS) {
    if (c[field] !== undefined && typeof c[field] !== 'boolean') problems.push(`${field} must be a boolean`);
  }
  if (c.profile !== undefined) {
    const profile = c.profile as Record<string, unknown> | null;
    if (typeof profile !== 'object' || profile === null) {
      problems.push('profile must be an object: { url, id, name? }');
    } else {
      if (!isHttpUrl(profile.url)) problems.push('profile.url must be an absolute http(s) URL');
      if (typeof profile.id !== 'string' || profile.id === '')
        problems.push('profile.id must be a JSON path such as "id" or "data.user.id"');
      if (profile.name !== undefined && typeof profile.name !== 'string')
        problems.push('profile.name must be a JSON path string');
    }
  }
  return problems;
}

/** The config itself when valid; otherwise one `invalid_config` error listing every problem. */
export function validateProviderConfig(config: unknown): ProviderConfig {
  const problems = providerConfigProblems(config);
  if (problems.length > 0) {
    const id =
      typeof (config as { id?: unknown } | null)?.id === 'string'
        ? ` "${(config as { id: string }).id}"`
        : '';
    throw new OAuth1Error('invalid_config', `provider${id} is invalid: ${problems.join('; ')}`);
  }
  return config as ProviderConfig;
}
