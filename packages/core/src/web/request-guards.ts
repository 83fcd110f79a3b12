/**
 * Two questions every route that builds a URL or changes state must ask of a request, answered once
 * here for the web handler, Passport and connections alike.
 */

/**
 * True for hosts that only the user's own machine answers on: `localhost` (and `*.localhost`, RFC 6761),
 * `127.0.0.0/8` and `[::1]`, with or without a port. A forged Host header naming one of these cannot
 * send a victim's callback to an attacker's server, so only these may stand in for a configured
 * `baseUrl`/`callbackUrl`. Anything else — a public name, a private address — must be configured.
 */
export function isLoopbackHost(host: string): boolean {
  const hostname = hostnameOf(host.trim().toLowerCase());
  if (hostname === undefined) return false;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return /^[a-z0-9.-]+$/.test(hostname);
  if (hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^(0|[1-9][0-9]{0,2})$/.test(octet) && Number(octet) <= 255)
  );
}

function hostnameOf(host: string): string | undefined {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end === -1) return undefined;
    const rest = host.slice(end + 1);
    return rest === '' || /^:[0-9]{1,5}$/.test(rest) ? host.slice(0, end + 1) : undefined;
  }
  const colon = host.indexOf(':');
  if (colon === -1) return host;
  return /^:[0-9]{1,5}$/.test(host.slice(colon)) ? host.slice(0, colon) : undefined;
}

/**
 * True when the browser says this request comes from another site: `Sec-Fetch-Site: cross-site` (or
 * `same-site`, a sibling subdomain), or an `Origin` header that is not `appOrigin` (`null` included).
 * Requests with neither header (curl, older browsers, same-origin GETs) are not refused here: a
 * state-changing route that needs more puts its own CSRF token in front.
 */
export function isCrossSiteRequest(request: Request, appOrigin: string): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.get('origin');
  return origin !== null && origin !== appOrigin;
}
