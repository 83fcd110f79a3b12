import { sealData, unsealData } from 'iron-session';
import { OAuth1Error } from '../errors.js';
import type { AccessCredentials, PendingAuthorization } from '../flow/types.js';
import { MAX_COOKIE_BYTES, parseCookieHeader, serializeCookie } from './cookies.js';
import type { ResolvedSession } from './options.js';
import { SealCache } from './seal-cache.js';

interface PendingPayload {
  v: 1;
  pending: PendingAuthorization[];
}

interface CredentialsPayload {
  v: 1;
  credentials: AccessCredentials;
}

export interface SessionContents {
  pending: PendingAuthorization[];
  credentials?: AccessCredentials;
  /** A pending cookie arrived (even one that no longer unseals). */
  sawPendingCookie: boolean;
}

/**
 * The two iron-session sealed cookies of one provider: the pending authorizations (short-lived) and the
 * credentials (long-lived). A tampered, foreign or expired seal unseals to `{}` and counts as absent.
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

  async read(request: Request): Promise<SessionContents> {
    const cookies = parseCookieHeader(request.headers.get('cookie'));
    const pendingSeal = cookies.get(this.options.pendingCookieName);
    const credentialsSeal = cookies.get(this.options.cookieName);
    const contents: SessionContents = { pending: [], sawPendingCookie: pendingSeal !== undefined };
    if (pendingSeal) {
      const payload = await this.#unseal<PendingPayload>(pendingSeal, this.#pendingTtlSeconds);
      if (payload?.v === 1 && Array.isArray(payload.pending)) {
        contents.pending = payload.pending.filter((entry) => entry.providerId === this.providerId);
      }
    }
    if (credentialsSeal) {
      const payload = await this.#unseal<CredentialsPayload>(credentialsSeal, this.options.ttlSeconds);
      if (payload?.v === 1 && payload.credentials?.providerId === this.providerId)
        contents.credentials = payload.credentials;
    }
    return contents;
  }

  /** The Set-Cookie for the pending authorizations; an empty list deletes the cookie. */
  async pendingCookie(pending: readonly PendingAuthorization[], secure: boolean): Promise<string> {
    const name = this.options.pendingCookieName;
    if (pending.length === 0) return this.#cookie(name, '', 0, secure);
    const seal = await this.#seal(
      { v: 1, pending: [...pending] } satisfies PendingPayload,
      this.#pendingTtlSeconds,
    );
    return this.#checked(
      this.#cookie(name, seal, this.#pendingTtlSeconds - 60, secure),
      'pending authorizations',
    );
  }

  /** The Set-Cookie for the credentials; undefined deletes the cookie. */
  async credentialsCookie(credentials: AccessCredentials | undefined, secure: boolean): Promise<string> {
    const name = this.options.cookieName;
    if (credentials === undefined) return this.#cookie(name, '', 0, secure);
    const seal = await this.#seal(
      { v: 1, credentials } satisfies CredentialsPayload,
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
    const seal = await sealData(payload, { password: this.options.password, ttl: ttlSeconds });
    this.#recent.set(seal, payload, Date.now() + ttlSeconds * 1000);
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
        // iron refuses a seal older than its ttl, so the seal cannot outlive that from now.
        this.#recent.set(seal, payload, Date.now() + ttlSeconds * 1000);
      }
      return payload;
    } catch {
      // A malformed seal is a forged cookie: no session.
      return undefined;
    }
  }
}
