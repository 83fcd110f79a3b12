import type { Profile } from '@oauth1a/core';

/**
 * The user as Passport strategies normalize them (passport-twitter, passport-trello ...): `provider`,
 * `id`, `displayName`, and the provider's own answer in `_json`. Without a profile mapping and without
 * a `userProfile` override it is `{}`, as in passport-oauth1; so every field is optional.
 */
export interface PassportProfile {
  provider?: string;
  id?: string;
  displayName?: string;
  username?: string;
  /** The "who am I" body as text, when a subclass keeps it. */
  _raw?: string;
  /** The "who am I" answer, parsed. */
  _json?: unknown;
  [field: string]: unknown;
}

/** Core's profile (from the provider config's JSON paths) in Passport's shape. */
export function fromCoreProfile(providerId: string, profile: Profile, raw: unknown): PassportProfile {
  return { provider: providerId, id: profile.id, displayName: profile.name ?? profile.id, _json: raw };
}
