import { sealData, unsealData } from 'iron-session';

const COOKIE = 'connections_user';
const TTL_SECONDS = 8 * 60 * 60;
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/**
 * The app's own sign-in, a stand-in for yours: a username (no password: anyone may be anyone here), kept
 * in a cookie sealed with the app's key (iron-session's `sealData`: encrypted and authenticated), HttpOnly,
 * SameSite=Lax, Secure when the app is served over https, for eight hours. Connections belong to the
 * signed-in username; in your app, use your user's id.
 *
 * @param {{ password: string, secure: boolean }} options
 */
export function signIn({ password, secure }) {
  /** The signed-in username of a Cookie header, or undefined (none, expired, or tampered with). */
  async function userOf(cookieHeader) {
    for (const part of (cookieHeader ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== COOKIE) continue;
      let value;
      try {
        value = decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
      const { user } = await unsealData(value, { password, ttl: TTL_SECONDS });
      return typeof user === 'string' && USERNAME.test(user) ? user : undefined;
    }
    return undefined;
  }

  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure, path: '/' };

  return {
    userOf,

    /** Express middleware: `req.user`, the signed-in username or undefined. */
    async middleware(req, _res, next) {
      try {
        req.user = await userOf(req.headers.cookie);
        next();
      } catch (error) {
        next(error);
      }
    },

    /** Signs `username` in (a validated one; see `parseUsername`). */
    async start(res, username) {
      const seal = await sealData({ user: username }, { password, ttl: TTL_SECONDS });
      res.cookie(COOKIE, seal, { ...cookieOptions, maxAge: TTL_SECONDS * 1000 });
    },

    end(res) {
      res.clearCookie(COOKIE, cookieOptions);
    },
  };
}

/** The username typed in the form, lower-cased, or undefined when it is not 1–40 of a-z 0-9 . _ - */
export function parseUsername(value) {
  const username = String(value ?? '')
    .trim()
    .toLowerCase();
  return USERNAME.test(username) ? username : undefined;
}
