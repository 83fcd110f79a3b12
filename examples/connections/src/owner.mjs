import { randomUUID } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';

const COOKIE = 'connections_owner';
const MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;

/**
 * Whose connections a request sees. A stand-in for your app's own sign-in (use your user's id instead):
 * a random id, sealed with the app's key into an HttpOnly, SameSite=Lax cookie on the first visit.
 *
 * @param {string} password the app's key, at least 32 characters
 */
export function ownerCookie(password) {
  /** The owner named by a Cookie header, or undefined (no cookie, or a seal that does not open). */
  async function read(cookieHeader) {
    for (const part of (cookieHeader ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name !== COOKIE) continue;
      const { owner } = await unsealData(decodeURIComponent(value.join('=')), { password, ttl: 0 });
      return typeof owner === 'string' ? owner : undefined;
    }
    return undefined;
  }

  /**
   * Express middleware: `req.owner`, created with its cookie on the first visit. A first request to an
   * `/auth/...` route is sent again once the cookie is set, since those routes write cookies of their own.
   */
  async function middleware(req, res, next) {
    req.owner = await read(req.headers.cookie);
    if (req.owner) return next();
    req.owner = randomUUID();
    const seal = await sealData({ owner: req.owner }, { password, ttl: 0 });
    res.cookie(COOKIE, seal, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: MAX_AGE_MS });
    if (req.path.startsWith('/auth/')) return res.redirect(req.originalUrl);
    next();
  }

  return { read, middleware };
}
