import { baseStringUri, type EncodedPair } from './base-string.js';
import { encodedFormPairs } from './form-transcode.js';
import { percentEncode } from './percent-encode.js';
import { parseHttpUrl } from './validate.js';

/** What signing needs of a request URL, worked out once per distinct URL. */
export interface UrlParts {
  /** The base string URI, percent-encoded for the base string. RFC 5849 section 3.4.1.2. */
  readonly encodedUri: string;
  /** The query's pairs, encoded for the base string, `oauth_signature` left out. RFC 5849 section 3.4.1.3.1. */
  readonly queryPairs: readonly EncodedPair[];
}

// An API client signs the same few endpoint URLs again and again: parsing, validating and encoding
// them once per process is a quarter of signRequest's own work. Bounded, and emptied when full, so
// that a stream of distinct URLs costs memory for at most this many.
const MAX_ENTRIES = 256;
const cache = new Map<string, UrlParts>();

/** The URL's parts for signing (`invalid_config` naming `name` when it is not an absolute http(s) URL). */
export function urlParts(input: unknown, name: string): UrlParts {
  const key = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
  if (key !== undefined) {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
  }
  const url = parseHttpUrl(input, name);
  const parts: UrlParts = {
    encodedUri: percentEncode(baseStringUri(url)),
    queryPairs: Object.freeze(encodedFormPairs(url.search, [], 'oauth_signature')),
  };
  if (key !== undefined) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, parts);
  }
  return parts;
}
