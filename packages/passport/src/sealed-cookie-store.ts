import { OAuth1Error } from '@oauth1a/core';
import { sealData, unsealData } from 'iron-session';
import { newEntry, readEntry } from './pending-entry.js';
import { appendSetCookie } from './request.js';
import type { RequestTokenStore } from './store.js';

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
 * A store that needs no server session: each strategy's pending login is sealed (iron-session: encrypted
 * and authenticated) into its own HttpOnly cookie, named after the strategy's session key, which expires
 * with it. The seal is bound to the strategy (session key, request-token URL, consumer key): one
 * strategy's cookie, renamed, is refused by another. Any number of app instances can serve the callback.
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
  const fail = (callback: (error: unknown) => void) => (error: unknown) => callback(error);

  return {
    get(req, token, meta, callback) {
      const seal = readCookie(req.headers.cookie, cookieName(prefix, meta.sessionKey));
      // iron-session reads expired, tampered and foreign seals alike as {}: "no pending authorization".
      const unsealed =
        seal === undefined || seal === ''
          ? Promise.resolve({})
          : unsealData<unknown>(seal, { password, ttl });
      unsealed.then((value) => {
        const result = readEntry(value, token, meta);
        if (result instanceof OAuth1Error) callback(result);
        else callback(null, result.tokenSecret, result.state);
      }, fail(callback));
    },
    set(req, token, tokenSecret, state, meta, callback) {
      const name = cookieName(prefix, meta.sessionKey);
      sealData(newEntry(token, tokenSecret, state, meta), { password, ttl }).then((seal) => {
        const cookie = [`${name}=${seal}`, `Max-Age=${ttl}`, ...attributes].join('; ');
        if (cookie.length > MAX_COOKIE_BYTES) {
          return callback(
            new OAuth1Error(
              'session_too_large',
              `the sealed cookie ${name} would be ${cookie.length} bytes, over the ${MAX_COOKIE_BYTES} browsers keep; keep authenticate's state small or use sessionStore()`,
            ),
          );
        }
        try {
          appendSetCookie(req, cookie);
        } catch (error) {
          return callback(error);
        }
        callback();
      }, fail(callback));
    },
    destroy(req, _token, meta, callback) {
      try {
        appendSetCookie(
          req,
          [`${cookieName(prefix, meta.sessionKey)}=`, 'Max-Age=0', ...attributes].join('; '),
        );
      } catch (error) {
        return callback(error);
      }
      callback();
    },
  };
}
