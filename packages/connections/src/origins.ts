import { OAuth1Error, type ProviderConfig } from '@oauth1a/core';

/** The base URLs a connection's calls may go to: `apiBaseUrl`, else the "who am I" URL's origin. */
export function apiBases(provider: ProviderConfig): URL[] {
  const configured =
    provider.apiBaseUrl === undefined
      ? provider.profile === undefined
        ? []
        : [new URL(provider.profile.url).origin]
      : Array.isArray(provider.apiBaseUrl)
        ? provider.apiBaseUrl
        : [provider.apiBaseUrl];
  return configured.map((url) => new URL(url));
}

/**
 * The absolute URL of a call, checked against the provider's API origins so that a connection's token
 * is never sent anywhere else (a URL from user input, say). Relative URLs resolve against the first base.
 */
export function allowedUrl(input: string | URL | Request, bases: readonly URL[], providerId: string): URL {
  const raw = input instanceof Request ? input.url : input;
  let url: URL;
  try {
    url = bases.length > 0 ? new URL(raw, bases[0]) : new URL(raw);
  } catch {
    throw new OAuth1Error('invalid_request', `"${String(raw).slice(0, 200)}" is not a URL`);
  }
  if (!bases.some((base) => base.origin === url.origin)) {
    const allowed = bases.map((base) => base.origin).join(', ') || 'none: set apiBaseUrl';
    throw new OAuth1Error(
      'origin_not_allowed',
      `a "${providerId}" connection may call ${allowed}, not ${url.origin}; add the origin to the provider's apiBaseUrl if it is the provider's`,
    );
  }
  return url;
}
