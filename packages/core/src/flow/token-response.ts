import { OAuth1Error } from '../errors.js';

export type TokenResponseFormat = 'urlencoded' | 'json' | 'auto';

/**
 * Reads a token endpoint's answer as flat string fields. `auto` takes JSON when the content type says
 * so or the body is a JSON object, and `application/x-www-form-urlencoded` otherwise (RFC 5849
 * sections 2.1 and 2.3 define the urlencoded form; some providers answer JSON).
 */
export function parseTokenResponse(
  body: string,
  contentType: string | null,
  format: TokenResponseFormat = 'auto',
): Record<string, string> {
  const trimmed = body.trim();
  const json =
    format === 'json' ||
    (format === 'auto' && (/\bjson\b/i.test(contentType ?? '') || trimmed.startsWith('{')));
  const fields: Record<string, string> = {};
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new OAuth1Error('invalid_provider_response', 'the token response is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new OAuth1Error('invalid_provider_response', 'the token response is JSON but not an object');
    }
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string') fields[name] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
    }
    return fields;
  }
  for (const [name, value] of new URLSearchParams(trimmed)) {
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}
