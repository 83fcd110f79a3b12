import { OAuth1Error } from '../errors.js';

/** The value itself when it is a string, else an `invalid_config` naming the option. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw new OAuth1Error(
      'invalid_config',
      `${name} must be a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  return value;
}

/** An absolute http(s) URL, else an `invalid_config` naming the option. */
export function parseHttpUrl(value: unknown, name: string): URL {
  let url: URL;
  if (value instanceof URL) {
    url = value;
  } else {
    const text = requireString(value, name);
    try {
      url = new URL(text);
    } catch {
      throw new OAuth1Error(
        'invalid_config',
        `${name} must be an absolute http(s) URL such as "https://api.example.com/path"`,
      );
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OAuth1Error(
      'invalid_config',
      `${name} must use http or https, not ${url.protocol.slice(0, -1)}`,
    );
  }
  return url;
}

/** True for `application/x-www-form-urlencoded`, whatever its case and parameters. */
export function isFormContentType(contentType: string | null | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return essence === 'application/x-www-form-urlencoded';
}
