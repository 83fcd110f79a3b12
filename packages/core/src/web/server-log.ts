import type { OAuth1Error } from '../errors.js';

/** What `logger` needs: `console`, pino and winston loggers all have it. */
export interface ErrorLogger {
  error(message: string, ...details: unknown[]): void;
}

/**
 * Logs a 5xx answer: method, path (never the query, which carries oauth_token and oauth_verifier), status
 * and the error's message (which never holds a secret), then its cause, if any. 4xx answers are the
 * user's or an attacker's doing and are not logged.
 */
export function logServerError(logger: ErrorLogger, error: OAuth1Error, request: Request): void {
  if (error.status < 500) return;
  const line = `oauth1a: ${request.method} ${new URL(request.url).pathname} answered ${error.status}: ${error.message}`;
  if (error.cause === undefined) logger.error(line);
  else logger.error(line, error.cause);
}
