import { OAuth1Error } from '@oauth1a/core';
import { sealData, unsealData } from 'iron-session';
import { appendSetCookie } from './request.js';
import { asFlowState, type RequestTokenStore } from './store.js';

export interface SealedCookieStoreOptions {
  /** At least 32 characters; an object `{ 2: new, 1: old }` rotates passwords (iron-session's format). */
  password: string | Record<string, string>;
  /** Prefix of the cookie name; the rest is the per-provider key. Default `''` (`oauth1_api.x.com`). */
  cookiePrefix?: string;
  /** Default true. Browsers treat http://localhost as secure, so local development still works. */
  secure?: boolean;
  /** Default `'lax'`, which the provider's top-level redirect back needs. */
  sameSite?: 'lax' | 'strict' | 'none';
  /** Default `'/'`. */
  path?: string;
  /** Lifetime of the seal and the cookie; default 20 minutes (twice core's pending TTL, to tell "expired"). */
  ttlSeconds?: number;
}

const MAX_COOKIE_BYTES = 4096;

function cookieName(prefix: string, key: string): string {
  return `${prefix}${key}`.replace(/[^A-Za-z0-9!#$%&'*+.^_`|~-]/g, '_');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function passwordLength(password: string | Record<string, string>): number {
  if (typeof password === 'string') return password.length;
  const values = Object.values(password);
  return values.length === 0 ? 0 : Math.min(...values.map((value) => value.length));
}

/**
 * A store that needs no server session: each provider's pending authorizations are sealed
 * (iron-session: encrypted and authenticated) into their own HttpOnly cookie, which expires with them.
 * Any number of app instances can serve the callback.
 */
export function sealedCookieStore(options: SealedCookieStoreOptions): RequestTokenStore {
  if (passwordLength(options?.password) < 32) {
    throw new TypeError(
      'sealedCookieStore: password must be at least 32 characters (generate one with `openssl rand -base64 32`)',
    );
  }
  const { password } = options;
  const ttl = options.ttlSeconds ?? 20 * 60;
  const prefix = options.cookiePrefix ?? '';
  const attributes = [
    `Path=${options.path ?? '/'}`,
    'HttpOnly',
    `SameSite=${(options.sameSite ?? 'lax').replace(/^./, (c) => c.toUpperCase())}`,
    ...(options.secure === false ? [] : ['Secure']),
  ];

  return {
    async load(req, key) {
      const seal = readCookie(req.headers.cookie, cookieName(prefix, key));
      if (seal === undefined || seal === '') return asFlowState(undefined);
      // iron-session reads expired, tampered and foreign seals alike as {}: idle, "no pending authorization".
      return asFlowState(await unsealData<unknown>(seal, { password, ttl }));
    },
    async save(req, key, state) {
      const name = cookieName(prefix, key);
      if (state.status === 'idle') {
        appendSetCookie(req, [`${name}=`, 'Max-Age=0', ...attributes].join('; '));
        return;
      }
      const seal = await sealData(state, { password, ttl });
      const cookie = [`${name}=${seal}`, `Max-Age=${ttl}`, ...attributes].join('; ');
      if (cookie.length > MAX_COOKIE_BYTES) {
        throw new OAuth1Error(
          'session_too_large',
          `the sealed cookie ${name} would be ${cookie.length} bytes, over the ${MAX_COOKIE_BYTES} browsers keep; lower maxPending or use sessionStore()`,
        );
      }
      appendSetCookie(req, cookie);
    },
  };
}
