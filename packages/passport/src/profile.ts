import type { Profile } from '@oauth1a/core';

/**
 * The user as Passport strategies normalize them (passport-twitter, passport-trello ...): `provider`,
 * `id`, `displayName`, and the provider's own answer in `_json`. Subclasses may add fields.
 */
export interface PassportProfile {
  provider: string;
  id: string;
  displayName: string;
  username?: string;
  /** The "who am I" body as text, when a subclass keeps it. */
  _raw?: string;
  /** The "who am I" answer, parsed; the access-token params when no profile was fetched. */
  _json?: unknown;
  [field: string]: unknown;
}

/** Core's profile (from the provider config's JSON paths) in Passport's shape. */
export function fromCoreProfile(providerId: string, profile: Profile, raw: unknown): PassportProfile {
  return { provider: providerId, id: profile.id, displayName: profile.name ?? profile.id, _json: raw };
}

/**
 * The profile the access-token answer alone gives, with no extra request: X-style `user_id` and
 * `screen_name` when the provider sends them, else an empty `id`. Used without a profile mapping and
 * under `skipUserProfile`.
 */
export function fromTokenParams(
  providerId: string,
  params: Readonly<Record<string, string>>,
): PassportProfile {
  const id = params.user_id ?? '';
  const username = params.screen_name;
  const profile: PassportProfile = {
    provider: providerId,
    id,
    displayName: username ?? id,
    _json: { ...params },
  };
  if (username !== undefined) profile.username = username;
  return profile;
}
