import type { FetchLike } from '../client/send.js';
import { OAuth1Error } from '../errors.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import type { AccessCredentials } from '../flow/types.js';
import type { ConsumerCredentials } from '../signature/sign.js';
import type { ErrorLogger } from './server-log.js';

export interface SessionOptions {
  /** At least 32 characters; a map `{ 1: old, 2: new }` rotates passwords (the highest key seals). */
  password: string | Record<string, string>;
  /** Default `oauth1a_<provider id>`; the pending cookie adds `_pending`. */
  cookieName?: string;
  /** Force the Secure attribute; default: Secure when the request is https. */
  secure?: boolean;
  /** Lifetime of the credentials cookie in seconds; default 14 days. */
  ttlSeconds?: number;
  /** Default `'Lax'`, which the provider's redirect back needs. */
  sameSite?: 'Lax' | 'Strict';
}

/** Everything an adapter receives; the same options for Express, Koa and any fetch-style server. */
export interface OAuth1HandlerOptions {
  provider: ProviderConfig;
  consumer: ConsumerCredentials;
  session: SessionOptions;
  /** Where the routes live: `{basePath}/login`, `/callback`, `/logout`. Default `/auth/<provider id>`. */
  basePath?: string;
  /** The full callback URL; default `{baseUrl}{basePath}/callback`. */
  callbackUrl?: string | undefined;
  /**
   * The app's public origin, e.g. `'https://your.app'`: the callback URL is built on it and `returnTo` and
   * cross-site checks use it. Required unless `callbackUrl` is set or the app is opened on a loopback host
   * (`localhost`, `127.0.0.1`, `[::1]`), where the request's own origin is used: a Host header (or
   * X-Forwarded-Host) is never trusted to choose where the provider sends the user's verifier.
   */
  baseUrl?: string | undefined;
  /** Where to go after login when no `returnTo` was given; default `/`. */
  defaultReturnTo?: string;
  /** Only `POST {basePath}/login` starts a login (put your CSRF protection in front); default false. */
  loginRequiresPost?: boolean;
  /** Per-login authorize params from the login request, e.g. `force_login`. */
  authorizeParams?: (request: Request) => Record<string, string> | undefined;
  /** Called with the new credentials; store them in your database if you use `loadCredentials`. */
  onAuthorized?: (credentials: AccessCredentials, request: Request) => void | Promise<void>;
  /** Your own credentials store; when given, no credentials cookie is written. */
  loadCredentials?: (
    request: Request,
  ) => AccessCredentials | undefined | Promise<AccessCredentials | undefined>;
  /** Turns an error into the response; default HTML for browsers, JSON for `Accept: application/json`. */
  onError?: (error: OAuth1Error, request: Request) => Response | Promise<Response>;
  /**
   * Where the cause of every 5xx answer is logged (a provider fault, a wrong consumer secret, a throwing
   * hook), one line without any secret, token or query string; default `console`.
   */
  logger?: ErrorLogger;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  /** How long a login may wait for its callback; default 10 minutes. */
  pendingTtlMs?: number;
}

export interface ResolvedSession {
  password: string | Record<string, string>;
  cookieName: string;
  pendingCookieName: string;
  secure: boolean | undefined;
  ttlSeconds: number;
  sameSite: 'Lax' | 'Strict';
}

const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

function checkPassword(password: unknown): string[] {
  if (typeof password === 'string') {
    return password.length >= 32
      ? []
      : ['session.password must be at least 32 characters (use a random secret)'];
  }
  if (typeof password === 'object' && password !== null && Object.keys(password).length > 0) {
    // iron-session seals with the highest numeric key: other keys make every seal fail at run time.
    const badKeys = Object.keys(password).filter((id) => !/^[0-9]{1,9}$/.test(id));
    if (badKeys.length > 0) {
      return [
        `session.password keys must be numbers, the highest sealing and every one reading: ${badKeys.map((id) => `"${id}"`).join(', ')} is not (write { 1: oldPassword, 2: newPassword })`,
      ];
    }
    return Object.entries(password).flatMap(([id, value]) =>
      typeof value === 'string' && value.length >= 32
        ? []
        : [`session.password[${id}] must be at least 32 characters`],
    );
  }
  return [
    'session.password is required: a string of at least 32 characters, or a map { 1: "...", 2: "..." } to rotate',
  ];
}

/** Validates the session options and fills defaults; every problem in one `invalid_config`. */
export function resolveSession(session: unknown, providerId: string): ResolvedSession {
  if (typeof session !== 'object' || session === null) {
    throw new OAuth1Error('invalid_config', 'session is required: { password } with at least 32 characters');
  }
  const s = session as SessionOptions;
  const problems = checkPassword(s.password);
  const cookieName = s.cookieName ?? `oauth1a_${providerId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (!COOKIE_NAME.test(cookieName)) problems.push('session.cookieName must be a valid cookie name');
  if (s.ttlSeconds !== undefined && !(Number.isInteger(s.ttlSeconds) && s.ttlSeconds > 0)) {
    problems.push('session.ttlSeconds must be a positive whole number of seconds');
  }
  if (s.sameSite !== undefined && s.sameSite !== 'Lax' && s.sameSite !== 'Strict') {
    problems.push('session.sameSite must be "Lax" or "Strict" (None would send the session cross-site)');
  }
  if (problems.length > 0) throw new OAuth1Error('invalid_config', problems.join('; '));
  return {
    password: s.password,
    cookieName,
    pendingCookieName: `${cookieName}_pending`,
    secure: s.secure,
    ttlSeconds: s.ttlSeconds ?? 14 * 24 * 60 * 60,
    sameSite: s.sameSite ?? 'Lax',
  };
}

/** `/auth/x/` → `/auth/x`; must start with a slash. */
export function normalizeBasePath(basePath: string | undefined, providerId: string): string {
  const path = basePath ?? `/auth/${providerId}`;
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes('?') || path.includes('#')) {
    throw new OAuth1Error(
      'invalid_config',
      'basePath must be a path starting with "/", such as "/auth/trello"',
    );
  }
  return path.length > 1 ? path.replace(/\/+$/, '') : '';
}

/** An absolute http(s) origin-or-URL option, else `invalid_config` naming the option. */
export function checkAbsoluteUrl(value: string | undefined, name: string): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new OAuth1Error(
    'invalid_config',
    `${name} must be an absolute http(s) URL such as "https://app.example.com"`,
  );
}
