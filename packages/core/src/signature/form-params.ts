import { percentEncode } from './percent-encode.js';

/**
 * Serializes protocol parameters for the query or form-body transport (RFC 5849 sections 3.5.2 and
 * 3.5.3), encoded with the same RFC 3986 rules as the signature so that the provider decodes exactly
 * what was signed.
 */
export function formatOAuthParams(oauthParams: Readonly<Record<string, string>>): string {
  let out = '';
  for (const name in oauthParams) {
    out += `${out === '' ? '' : '&'}${percentEncode(name)}=${percentEncode(oauthParams[name]!)}`;
  }
  return out;
}
