import type { IncomingMessage, ServerResponse } from 'node:http';
import { OAuth1Error } from '../errors.js';

/** A reg-name or IPv4 address, or a bracketed IPv6 address, with an optional port (RFC 3986 section 3.2.2). */
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export interface WebRequestOrigin {
  /** `http` or `https`, as the framework sees it (Express `req.protocol`, Koa `ctx.protocol`: both honour trust proxy). */
  protocol?: string | undefined;
  /** Host and port, as the framework sees it (Express `req.get('host')` / `req.host`, Koa `ctx.host`). */
  host?: string | undefined;
  /** The request target before any router rewrote it (Koa `ctx.originalUrl`); default `req.originalUrl ?? req.url`. */
  path?: string | undefined;
}

/**
 * A Web `Request` of a Node request's method, URL and headers, for oauth1a's handler. The body is not
 * read: the handler needs none, and leaving the stream alone keeps the app's body parsers working. A
 * protocol other than http or https is ignored; a Host that is no host name throws `invalid_request` (400).
 */
export function toWebRequest(req: IncomingMessage, origin: WebRequestOrigin = {}): Request {
  const given = origin.protocol?.replace(/:$/, '').toLowerCase();
  // Only http(s): a forwarded "javascript" or "ftp" would otherwise become the callback's scheme.
  const protocol =
    given === 'http' || given === 'https'
      ? given
      : (req.socket as { encrypted?: boolean } | null)?.encrypted
        ? 'https'
        : 'http';
  // An empty Host (HTTP/1.0 health checks) reads as localhost rather than failing every request.
  const host = origin.host || req.headers.host || 'localhost';
  // A Host with "/", "?", "#", "@" or spaces would move the path or fail to parse; it is no host.
  if (!HOST.test(host)) {
    throw new OAuth1Error('invalid_request', "the request's Host header is not a host name", { status: 400 });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(`${protocol}://${host}${pathOf(origin.path ?? req.originalUrl ?? req.url ?? '/')}`, {
    method: req.method ?? 'GET',
    headers,
  });
}

/** The origin-form path and query; an absolute-form target (`GET http://x/y`) keeps only its path, never its host. */
function pathOf(target: string): string {
  if (target.startsWith('/')) return target;
  if (!URL.canParse(target)) return '/';
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by Express; the URL before any router stripped a mount path. */
    originalUrl?: string;
  }
}

/** Copies a Web `Response` (status, headers with every Set-Cookie, body) onto a Node response. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body === null) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}
