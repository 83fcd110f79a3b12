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
  /** Default GET (some APIs answer "who am I" only to POST). */
  method?: 'GET' | 'POST';
  /** Extra request headers (an API version header, say); `accept: application/json` is always sent. */
  headers?: Record<string, string>;
}

/** A request that revokes an access token at the provider, signed with that token. */
export interface RevokeRequest {
  url: string;
  /** Default POST. */
  method?: 'POST' | 'DELETE' | 'GET';
}

/**
 * Where a token's expiry comes from: a field of the access-token answer (`oauth_expires_in` in seconds
 * from now, Evernote's `edam_expires` in epoch milliseconds), or an authorize param holding a lifetime
 * (`1hour`, `1day`, `30days`, `never`: Trello's `expiration`).
 */
export type ExpirySource =
  | { field: string; format: 'seconds' | 'epoch-seconds' | 'epoch-ms' }
  | { authorizeParam: string };

/** Names of fields in the access-token answer (for providers without a "who am I" call). */
export interface AccountFields {
  /** The account's stable id (`user_id`, `edam_userId`, `xoauth_yahoo_guid`). */
  id: string;
  /** Its display name (`screen_name`). */
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
  /**
   * Where a stored connection's signed calls may go: base URLs whose origins are allowed (relative
   * URLs resolve against the first). Default: the profile URL's origin.
   */
  apiBaseUrl?: string | string[];
  /** How to revoke an access token when a connection is removed. */
  revoke?: RevokeRequest;
  /** Where the access token's expiry comes from. */
  expiry?: ExpirySource;
  /** The callback's verifier parameter, where a provider deviates from `oauth_verifier`. */
  verifierParam?: string;
  /** Token and secret field names in the token answers, where a JSON provider deviates from `oauth_token`/`oauth_token_secret`. */
  tokenFields?: { token: string; secret: string };
  /** Account id and name from the access-token answer (used when there is no "who am I"). */
  accountFields?: AccountFields;
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
  problems.push(...connectionFieldProblems(c));
  return problems;
}

const isName = (value: unknown): boolean => typeof value === 'string' && value !== '';

/** The fields stored connections use (API origins, revoke, expiry, field names). */
function connectionFieldProblems(c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const profile = c.profile as Record<string, unknown> | undefined;
  if (typeof profile === 'object' && profile !== null) {
    if (profile.method !== undefined && profile.method !== 'GET' && profile.method !== 'POST')
      problems.push('profile.method must be "GET" or "POST"');
    if (profile.headers !== undefined && !isStringRecord(profile.headers))
      problems.push('profile.headers must be an object of string values');
  }
  if (c.apiBaseUrl !== undefined) {
    const urls = Array.isArray(c.apiBaseUrl) ? c.apiBaseUrl : [c.apiBaseUrl];
    if (urls.length === 0 || !urls.every(isHttpUrl))
      problems.push('apiBaseUrl must be an absolute http(s) URL or a non-empty list of them');
  }
  if (c.revoke !== undefined) {
    const revoke = c.revoke as Record<string, unknown> | null;
    if (typeof revoke !== 'object' || revoke === null || !isHttpUrl(revoke.url))
      problems.push('revoke must be { url, method? } with an absolute http(s) url');
    else if (revoke.method !== undefined && !['POST', 'DELETE', 'GET'].includes(revoke.method as string))
      problems.push('revoke.method must be "POST", "DELETE" or "GET"');
  }
  if (c.expiry !== undefined) {
    const expiry = c.expiry as Record<string, unknown> | null;
    const ok =
      typeof expiry === 'object' &&
      expiry !== null &&
      (isName(expiry.authorizeParam) ||
        (isName(expiry.field) && ['seconds', 'epoch-seconds', 'epoch-ms'].includes(expiry.format as string)));
    if (!ok)
      problems.push(
        'expiry must be { field, format: "seconds" | "epoch-seconds" | "epoch-ms" } or { authorizeParam }',
      );
  }
  if (c.verifierParam !== undefined && !isName(c.verifierParam))
    problems.push('verifierParam must be a non-empty string');
  if (c.tokenFields !== undefined) {
    const fields = c.tokenFields as Record<string, unknown> | null;
    if (typeof fields !== 'object' || fields === null || !isName(fields.token) || !isName(fields.secret))
      problems.push('tokenFields must be { token, secret } field names');
  }
  if (c.accountFields !== undefined) {
    const fields = c.accountFields as Record<string, unknown> | null;
    if (
      typeof fields !== 'object' ||
      fields === null ||
      !isName(fields.id) ||
      (fields.name !== undefined && !isName(fields.name))
    )
      problems.push('accountFields must be { id, name? } field names of the access-token answer');
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
