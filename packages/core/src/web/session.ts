import { unsealData } from 'iron-session';
import { OAuth1Error } from '../errors.js';
import type { AccessCredentials, PendingAuthorization } from '../flow/types.js';
import { cookieNameFor, MAX_COOKIE_BYTES, parseCookieHeader, serializeCookie } from './cookies.js';
import { sealIron } from './iron-seal.js';
import type { ResolvedSession } from './options.js';
import { SealCache } from './seal-cache.js';

interface PendingPayload {
  v: 1;
  pending: PendingAuthorization[];
}

interface CredentialsPayload {
  v: 1;
  credentials: AccessCredentials;
  /** How many logins this browser completed in a row, each soon after the one before (see login-loop.ts). */
  streak?: number;
}

export interface SessionContents {
  pending: PendingAuthorization[];
  credentials?: AccessCredentials;
  /** Logins completed in a row, each within the loop window of the one before; 0 without credentials. */
  streak: number;
  /** A pending cookie arrived (even one that no longer unseals). */
  sawPendingCookie: boolean;
}

/**
 * The two iron-session sealed cookies of one provider: the pending authorizations (short-lived) and the
 * credentials (long-lived). A tampered, foreign or expired seal unseals to `{}` and counts as absent.
 * Secure cookies are `__Host-` cookies; when several cookies share a name, the first that unseals for
 * this provider is used.
 */
export class SealedSession {
  readonly #pendingTtlSeconds: number;
  readonly #recent = new SealCache();

  constructor(
    private readonly options: ResolvedSession,
    private readonly providerId: string,
    pendingTtlMs: number,
  ) {
    // Sealed for twice the TTL so that a late callback still reads createdAt and hears "expired".
    this.#pendingTtlSeconds = Math.ceil((pendingTtlMs * 2) / 1000) + 60;
  }

  /** The session of `request`; `secure` picks the `__Host-` names (what this request's cookies were set as). */
  async read(request: Request, secure: boolean): Promise<SessionContents> {
    const cookies = parseCookieHeader(request.headers.get('cookie'));
    const pendingSeals = cookies.get(cookieNameFor(this.options.pendingCookieName, secure)) ?? [];
    const credentialsSeals = cookies.get(cookieNameFor(this.options.cookieName, secure)) ?? [];
    const contents: SessionContents = { pending: [], streak: 0, sawPendingCookie: pendingSeals.length > 0 };
    for (const seal of pendingSeals) {
      const payload = await this.#unseal<PendingPayload>(seal, this.#pendingTtlSeconds);
      if (payload?.v !== 1 || !Array.isArray(payload.pending)) continue;
      const pending = payload.pending.filter((entry) => entry.providerId === this.providerId);
      if (pending.length === 0) continue;
      contents.pending = pending;
      break;
    }
    for (const seal of credentialsSeals) {
      const payload = await this.#unseal<CredentialsPayload>(seal, this.options.ttlSeconds);
      if (payload?.v !== 1 || payload.credentials?.providerId !== this.providerId) continue;
      contents.credentials = payload.credentials;
      contents.streak = typeof payload.streak === 'number' ? payload.streak : 1;
      break;
    }
    return contents;
  }

  /**
   * The Set-Cookie for the pending authorizations; an empty list deletes the cookie. When the seal would
   * pass 4096 bytes the oldest authorizations are dropped (a login abandoned in another tab, or forced
   * by a cross-site link) rather than failing the newest, which is the user's own.
   */
  async pendingCookie(pending: readonly PendingAuthorization[], secure: boolean): Promise<string> {
    const name = cookieNameFor(this.options.pendingCookieName, secure);
    if (pending.length === 0) return this.#cookie(name, '', 0, secure);
    let kept = [...pending];
    for (;;) {
      const seal = await this.#seal(
        { v: 1, pending: kept } satisfies PendingPayload,
        this.#pendingTtlSeconds,
      );
      const cookie = this.#cookie(name, seal, this.#pendingTtlSeconds - 60, secure);
      if (Buffer.byteLength(cookie) <= MAX_COOKIE_BYTES || kept.length === 1) {
        return this.#checked(cookie, 'pending authorization');
      }
      kept = kept.slice(1);
    }
  }

  /** The Set-Cookie for the credentials; undefined deletes the cookie. `streak` feeds the login-loop check. */
  async credentialsCookie(
    credentials: AccessCredentials | undefined,
    secure: boolean,
    streak = 1,
  ): Promise<string> {
    const name = cookieNameFor(this.options.cookieName, secure);
    if (credentials === undefined) return this.#cookie(name, '', 0, secure);
    const seal = await this.#seal(
      { v: 1, credentials, streak } satisfies CredentialsPayload,
      this.options.ttlSeconds,
    );
    return this.#checked(this.#cookie(name, seal, this.options.ttlSeconds - 60, secure), 'credentials');
  }

  #cookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
    return serializeCookie(name, value, {
      maxAgeSeconds,
      secure,
      sameSite: this.options.sameSite,
      path: '/',
    });
  }

  #checked(cookie: string, what: string): string {
    if (Buffer.byteLength(cookie) > MAX_COOKIE_BYTES) {
      throw new OAuth1Error(
        'session_too_large',
        `the sealed ${what} need ${Buffer.byteLength(cookie)} bytes, over the ${MAX_COOKIE_BYTES} a browser keeps; store credentials server-side with onAuthorized and loadCredentials`,
      );
    }
    return cookie;
  }

  async #seal(payload: PendingPayload | CredentialsPayload, ttlSeconds: number): Promise<string> {
    const seal = sealIron(payload, this.options.password, ttlSeconds);
    this.#recent.set(seal, payload, sealExpiry(seal) ?? Date.now() + ttlSeconds * 1000);
    return seal;
  }

  async #unseal<T>(seal: string, ttlSeconds: number): Promise<Partial<T> | undefined> {
    // iron checks expiry against the wall clock; so does the cache.
    const known = this.#recent.get<Partial<T>>(seal, Date.now());
    if (known !== undefined) return known;
    try {
      const payload = await unsealData<Partial<T>>(seal, {
        password: this.options.password,
        ttl: ttlSeconds,
      });
      if (payload !== undefined && Object.keys(payload).length > 0) {
        // Remembered until the seal's own expiry, never longer: a seal first opened late in its life
        // must stop opening when iron would refuse it.
        this.#recent.set(seal, payload, sealExpiry(seal) ?? Date.now());
      }
      return payload;
    } catch {
      // A malformed seal is a forged cookie: no session.
      return undefined;
    }
  }
}

/**
 * The expiry an iron seal carries (`Fe26.2*id*salt*iv*data*<expiry ms>*hmacSalt*hmac`, then
 * iron-session's `~2`), in milliseconds; undefined when there is none. Read only from a seal that was
 * just made or opened, whose text (expiry included) iron authenticated.
 */
function sealExpiry(seal: string): number | undefined {
  const expiry = seal.split('~')[0]?.split('*')[5];
  return expiry !== undefined && /^\d+$/.test(expiry) ? Number(expiry) : undefined;
}
