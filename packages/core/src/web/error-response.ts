import { OAuth1Error } from '../errors.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return /\bapplication\/json\b/i.test(accept) && !/\btext\/html\b/i.test(accept);
}

/**
 * Headers of every error answer: it may quote the request or the provider (escaped), so it runs no script,
 * loads nothing, is read as what it says it is, and cannot be framed (clickjacking).
 */
export function setErrorPageHeaders(headers: Headers): void {
  headers.set('cache-control', 'no-store');
  headers.set(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  headers.set('x-content-type-options', 'nosniff');
  headers.set('x-frame-options', 'DENY');
}

/** The page title of an error: what the user was doing, and that it did not work. */
export function errorTitle(error: OAuth1Error, route: 'login' | 'callback' | 'logout'): string {
  if (error.status === 405) return route === 'logout' ? 'Sign-out needs a form (POST)' : 'Method not allowed';
  if (route === 'logout') return 'Sign-out refused';
  return error.code === 'access_denied' ? 'Sign-in cancelled' : 'Sign-in failed';
}

/** The default error answer: JSON for API clients, a small HTML page for browsers; the status is the error's. */
export function defaultErrorResponse(
  error: OAuth1Error,
  request: Request,
  headers: Headers,
  title = errorTitle(error, 'login'),
): Response {
  setErrorPageHeaders(headers);
  if (wantsJson(request)) {
    headers.set('content-type', 'application/json; charset=utf-8');
    return new Response(JSON.stringify({ error: error.toJSON() }), { status: error.status, headers });
  }
  headers.set('content-type', 'text/html; charset=utf-8');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>${escapeHtml(title)}</h1>
<p id="oauth1a-error" data-code="${escapeHtml(error.code)}">${escapeHtml(error.message)}</p>
<p><a href="/">Back to the start</a></p>
</body></html>`;
  return new Response(html, { status: error.status, headers });
}

/** Anything thrown becomes an OAuth1Error; unknown faults keep their cause but not their message. */
export function asOAuth1Error(error: unknown): OAuth1Error {
  if (error instanceof OAuth1Error) return error;
  return new OAuth1Error('internal_error', 'an unexpected error stopped the sign-in; see the server log', {
    status: 500,
    cause: error,
  });
}
