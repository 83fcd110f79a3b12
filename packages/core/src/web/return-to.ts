/**
 * The longest `returnTo` kept. A pending login carries its `returnTo` in the sealed cookie, so a long one
 * from a cross-site link would crowd the user's own logins out of the 4096 bytes a cookie may hold.
 */
export const MAX_RETURN_TO_LENGTH = 512;

/**
 * A `returnTo` that is safe to redirect to: a same-origin path only. Absolute URLs, scheme-relative
 * `//host` and `/\host` forms, control characters and anything over 512 characters fall back to
 * `fallback`, so the login route can never become an open redirect. The check is made on what is
 * returned, after normalisation: `/a/..//evil.example` normalises to `//evil.example`, another host.
 */
export function sanitizeReturnTo(value: string | null | undefined, origin: string, fallback = '/'): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_RETURN_TO_LENGTH) return fallback;
  if (!isPathOnly(value)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== new URL(origin).origin) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Dot segments ("/.//x", "/%2e%2e//x") can normalise into a scheme-relative "//x": check the result too.
  return isPathOnly(path) && path.length <= MAX_RETURN_TO_LENGTH ? path : fallback;
}

/** Starts with one "/" (browsers read "//evil" and "/\evil" as another host) and holds no control character. */
function isPathOnly(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  return !/[\u0000-\u001f\u007f\\]/.test(value);
}
