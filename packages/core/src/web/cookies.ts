/**
 * Reads the `Cookie` request header into name → every value sent under that name, in the order sent.
 * Browsers send the most specific Path first, so a cookie planted by a sibling subdomain or over http
 * (cookie tossing) can come before ours: readers try each value rather than trusting the first.
 */
export function parseCookieHeader(header: string | null): Map<string, string[]> {
  const cookies = new Map<string, string[]>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name === '') continue;
    const values = cookies.get(name);
    if (values) values.push(value);
    else cookies.set(name, [value]);
  }
  return cookies;
}

export interface CookieAttributes {
  maxAgeSeconds: number;
  secure: boolean;
  sameSite: 'Lax' | 'Strict';
  path: string;
}

/** A `Set-Cookie` value: always HttpOnly; a max age of 0 deletes the cookie. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  let cookie = `${name}=${value}; Path=${attributes.path}; Max-Age=${Math.max(0, Math.floor(attributes.maxAgeSeconds))}; HttpOnly; SameSite=${attributes.sameSite}`;
  if (attributes.maxAgeSeconds <= 0) cookie += '; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
  if (attributes.secure) cookie += '; Secure';
  return cookie;
}

/**
 * The name a cookie is set and read under: `__Host-<name>` when it is Secure, so that browsers accept it
 * only from this exact origin (Secure, Path=/, no Domain) and no sibling subdomain can plant one.
 */
export function cookieNameFor(name: string, secure: boolean): string {
  return secure && !name.startsWith('__Host-') && !name.startsWith('__Secure-') ? `__Host-${name}` : name;
}

/** Browsers drop a cookie whose name, value and attributes pass 4096 bytes. */
export const MAX_COOKIE_BYTES = 4096;
