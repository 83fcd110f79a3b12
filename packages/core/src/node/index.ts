import type { IncomingMessage, ServerResponse } from 'node:http';

export interface WebRequestOrigin {
  /** `http` or `https`, as the framework sees it (Express `req.protocol`, Koa `ctx.protocol`: both honour trust proxy). */
  protocol?: string | undefined;
  /** Host and port, as the framework sees it (Express `req.get('host')` / `req.host`, Koa `ctx.host`). */
  host?: string | undefined;
}

/**
 * A Web `Request` of a Node request's method, URL and headers, for oauth1a's handler. The body is not
 * read: the handler needs none, and leaving the stream alone keeps the app's body parsers working.
 */
export function toWebRequest(req: IncomingMessage, origin: WebRequestOrigin = {}): Request {
  const protocol = (
    origin.protocol ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http')
  ).replace(/:$/, '');
  const host = origin.host ?? req.headers.host ?? 'localhost';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(`${protocol}://${host}${req.originalUrl ?? req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
  });
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
