// A tiny cookie-keeping HTTP client that behaves like a browser for the demo: it stores Set-Cookie per
// host, sends cookies back to the same host, and lets the caller follow redirects one at a time.

export class Browser {
  /** @type {Map<string, Map<string, string>>} host -> cookie name -> value */
  #cookies = new Map();

  async request(url, { method = 'GET', form } = {}) {
    const target = new URL(url);
    const headers = { accept: 'text/html' };
    const jar = this.#cookies.get(target.host);
    if (jar && jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(target, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    this.#keep(target.host, response.headers.getSetCookie());
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location === null ? undefined : new URL(location, target).href,
      text: await response.text(),
    };
  }

  #keep(host, setCookies) {
    const jar = this.#cookies.get(host) ?? new Map();
    for (const cookie of setCookies) {
      const [pair, ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(host, jar);
  }
}

/** The value of a form field or element text in a small HTML page (the demo reads its own pages only). */
export function htmlValue(html, pattern) {
  const match = pattern.exec(html);
  return match?.[1];
}
