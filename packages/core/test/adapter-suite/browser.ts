// A minimal browser for the suite: supertest requests against a listening app, its own cookie jar (name
// -> value; Max-Age=0 deletes), no redirect following, and a record of everything the app answered so
// that the suite can look for secrets in it.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export async function listen(listener: RequestListener): Promise<RunningApp> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The JSON body, when there is one. */
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
  setCookies: string[];
  location: string | undefined;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly origin: string,
    /** Every answer as text (status line, headers, body), for the secret audit. */
    readonly transcript: string[] = [],
  ) {}

  async request(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const agent = supertest(this.origin);
    let test = method === 'GET' ? agent.get(path) : agent.post(path);
    test = test.redirects(0).set('accept', 'application/json');
    if (this.cookies.size > 0)
      test = test.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
    const res = await test;
    const raw = res.headers['set-cookie'] as string[] | string | undefined;
    const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const cookie of setCookies) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (/;\s*Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    this.transcript.push(`${method} ${path} -> ${res.status}\n${JSON.stringify(res.headers)}\n${res.text}`);
    let json = {};
    try {
      json = JSON.parse(res.text);
    } catch {}
    return {
      status: res.status,
      headers: res.headers,
      text: res.text,
      json,
      setCookies,
      location: res.headers.location as string | undefined,
    };
  }

  get(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.request('GET', path, headers);
  }

  post(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.request('POST', path, headers);
  }

  /** Starts a login; the provider's request token comes from the authorize redirect. */
  async login(basePath: string, query = '', headers?: Record<string, string>) {
    const answer = await this.get(`${basePath}/login${query}`, headers);
    const location = answer.location === undefined ? undefined : new URL(answer.location);
    return { answer, requestToken: location?.searchParams.get('oauth_token') ?? '' };
  }

  /** Follows the provider's redirect back to the app (only its path and query: the jar is per app). */
  callback(callbackUrl: string, headers?: Record<string, string>): Promise<Answer> {
    const url = new URL(callbackUrl);
    return this.get(`${url.pathname}${url.search}`, headers);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
