import type { ProviderConfig } from '@oauth1a/core';

const LIFETIMES: Record<string, number | null> = {
  '1hour': 3600_000,
  '1day': 86_400_000,
  '30days': 30 * 86_400_000,
  never: null,
};

/**
 * When a new token expires, as the provider states it (ISO), or undefined when it does not: a field of
 * the access-token answer (`oauth_expires_in` seconds, Evernote's `edam_expires` epoch milliseconds)
 * or a lifetime asked for on the authorize redirect (Trello's `expiration`).
 */
export function expiresAtOf(
  provider: ProviderConfig,
  params: Record<string, string>,
  now: number,
): string | undefined {
  const source = provider.expiry;
  if (source === undefined) return undefined;
  let at: number | undefined;
  if ('authorizeParam' in source) {
    const value = provider.authorizeParams?.[source.authorizeParam];
    const lifetime = value === undefined ? undefined : LIFETIMES[value];
    if (typeof lifetime === 'number') at = now + lifetime;
  } else {
    const raw = params[source.field];
    const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
    if (Number.isFinite(value) && value > 0) {
      if (source.format === 'seconds') at = now + value * 1000;
      else if (source.format === 'epoch-seconds') at = value * 1000;
      else at = value;
    }
  }
  return at === undefined || !Number.isFinite(at) ? undefined : new Date(at).toISOString();
}
