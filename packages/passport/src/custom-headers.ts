import type { FetchLike } from '@oauth1a/core';

/**
 * passport-oauth1's `customHeaders`: a transport that adds headers to every request core sends
 * (token legs, profile), unless the request already has them. It copies the request, never mutates it.
 */
export function withHeaders(headers: Readonly<Record<string, string>>, fetch?: FetchLike): FetchLike {
  const send: FetchLike = fetch ?? ((input) => globalThis.fetch(input));
  return (input) => {
    const request = new Request(input);
    for (const [name, value] of Object.entries(headers)) {
      if (!request.headers.has(name)) request.headers.set(name, value);
    }
    return send(request);
  };
}
