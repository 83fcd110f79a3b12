/**
 * A `returnTo` that is safe to redirect to: a same-origin path only. Absolute URLs, scheme-relative
 * `//host` and `/\host` forms, and control characters all fall back to `fallback`, so the login route
 * can never become an open redirect.
 */
export function sanitizeReturnTo(value: string | null | undefined, origin: string, fallback = '/'): string {
  if (typeof value !== 'string' || value === '' || value.length > 2048) return fallback;
  // Only a path may come in; browsers read "/\evil" and "//evil" as another host.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (resolved.origin !== origin) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
