import { OAuth1Error } from '@oauth1a/core';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A non-empty identifier-like string (owner, provider key, connection id, token). */
export function requireText(value: unknown, field: string, max = 512): string {
  if (typeof value !== 'string' || value === '' || value.length > max || CONTROL.test(value)) {
    throw new OAuth1Error(
      'invalid_request',
      `${field} must be a non-empty string of at most ${max} characters without control characters`,
    );
  }
  return value;
}

export function optionalLabel(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return requireText(value, 'label', 200);
}

export function optionalSettings(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((entry) => typeof entry === 'string' && entry.length <= 2048) ||
    Object.keys(value).length > 50
  ) {
    throw new OAuth1Error(
      'invalid_request',
      'settings must be an object of at most 50 string values (e.g. { accountId: "1234567" })',
    );
  }
  return { ...(value as Record<string, string>) };
}

/** The callback's query from URLSearchParams, a query string or the full callback URL. */
export function callbackQuery(query: unknown): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  if (query instanceof URL) return query.searchParams;
  if (typeof query === 'string') {
    if (/^https?:\/\//i.test(query)) return new URL(query).searchParams;
    return new URLSearchParams(query);
  }
  throw new OAuth1Error(
    'invalid_request',
    'query must be the callback query: URLSearchParams, a query string or the callback URL',
  );
}
