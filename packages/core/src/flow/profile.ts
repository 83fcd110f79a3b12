import { providerError } from '../client/provider-error.js';
import { DEFAULT_TIMEOUT_MS, Deadline, mapSendFailure, readBodyText } from '../client/send.js';
import { createSignedFetch } from '../client/signed-fetch.js';
import { OAuth1Error } from '../errors.js';
import type { LegContext } from './token-leg.js';
import type { Profile } from './types.js';

/** Reads a dotted JSON path (`data.user.id`, `users.0.name`) from a parsed body. */
export function readJsonPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function asIdentifier(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * "Who am I": the signed call integration platforms make right after the access token to name the
 * connection, mapped to `{ id, name }` by the provider's JSON paths. Fails with `profile_failed`.
 */
export async function fetchProfile(
  context: LegContext,
  token: { token: string; secret: string },
): Promise<{ profile: Profile; raw: unknown }> {
  const mapping = context.provider.profile;
  if (mapping === undefined) {
    throw new OAuth1Error(
      'invalid_config',
      `provider "${context.provider.id}" has no profile mapping ({ url, id, name? })`,
    );
  }
  const purpose = 'the profile request';
  const timeoutMs = context.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signedFetch = createSignedFetch({
    consumer: context.consumer,
    token,
    signatureMethod: context.provider.signatureMethod,
    realm: context.provider.realm,
    includeVersion: context.provider.includeVersion,
    fetch: context.fetch,
    timeoutMs,
  });
  let response: Response;
  let body: string;
  // One deadline for the headers and the body: the signed client honours the signal we pass it.
  const deadline = new Deadline(timeoutMs);
  try {
    response = await signedFetch(mapping.url, {
      method: mapping.method ?? 'GET',
      headers: { ...mapping.headers, accept: 'application/json' },
      signal: deadline.signal,
    });
    body = await readBodyText(response, deadline, purpose);
  } catch (thrown) {
    deadline.clear();
    const cause = mapSendFailure(thrown, deadline, undefined, purpose);
    if (
      cause instanceof OAuth1Error &&
      (cause.code === 'provider_timeout' || cause.code === 'provider_unreachable')
    ) {
      throw new OAuth1Error('profile_failed', cause.message.replace(/ \(oauth1a:.*$/, ''), { cause });
    }
    throw cause;
  }
  const secrets = [context.consumer.secret, token.secret];
  if (!response.ok) throw providerError({ code: 'profile_failed', purpose, response, body, secrets });
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const excerpt = providerError({ code: 'profile_failed', purpose, response, body, secrets }).provider;
    throw new OAuth1Error(
      'profile_failed',
      'the profile response is not JSON',
      excerpt === undefined ? {} : { provider: excerpt },
    );
  }
  const id = asIdentifier(readJsonPath(raw, mapping.id));
  if (id === undefined) {
    throw new OAuth1Error(
      'profile_failed',
      `the profile response has no id at "${mapping.id}"; fix profile.id in the provider config`,
    );
  }
  const profile: Profile = { id };
  const name = mapping.name === undefined ? undefined : asIdentifier(readJsonPath(raw, mapping.name));
  if (name !== undefined) profile.name = name;
  return { profile, raw };
}
