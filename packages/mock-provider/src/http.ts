import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatOAuthParams } from '@oauth1a/core';

/** One handled request, as `mock.log` records it. */
export interface LogEntry {
  method: string;
  path: string;
  /** `request_token`, `authorize`, `access_token`, `whoami`, `echo` or `not_found`. */
  endpoint: string;
  /** The status answered; 0 while in flight or when the connection was dropped. */
  status: number;
  problem?: string;
  consumerKey?: string;
  token?: string;
  /** The fault applied, when one was: `latency`, `status`, `malformed_body` or `drop_connection`. */
  fault?: string;
}

/** One request being answered: the parsed URL, the raw body and its log entry. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Buffer | undefined;
  entry: LogEntry;
}

/** An `oauth_problem` answer, thrown by endpoints and turned into a response by the server. */
export class Problem extends Error {
  readonly problem: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(problem: string, status: number, advice: string, headers: Record<string, string> = {}) {
    super(advice);
    this.problem = problem;
    this.status = status;
    this.headers = headers;
  }
}

export function send(
  ex: Exchange,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  ex.entry.status = status;
  const buffer = Buffer.from(body, 'utf8');
  ex.res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(buffer.length),
    'cache-control': 'no-store',
    ...headers,
  });
  ex.res.end(ex.req.method === 'HEAD' ? undefined : buffer);
}

export function sendJson(ex: Exchange, status: number, value: unknown): void {
  send(ex, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

export function sendHtml(ex: Exchange, status: number, html: string): void {
  send(ex, status, 'text/html; charset=utf-8', html, {
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-frame-options': 'DENY',
  });
}

export function redirect(ex: Exchange, location: string): void {
  ex.entry.status = 302;
  ex.res.writeHead(302, { location, 'content-length': '0', 'cache-control': 'no-store' });
  ex.res.end();
}

/**
 * The OAuth Problem Reporting answer: `oauth_problem` and `oauth_problem_advice`, form-encoded, with a
 * `WWW-Authenticate: OAuth realm="..."` challenge on 401s.
 */
export function sendProblem(ex: Exchange, problem: Problem, realm: string): void {
  ex.entry.problem = problem.problem;
  const headers: Record<string, string> = { ...problem.headers };
  if (problem.status === 401)
    headers['www-authenticate'] = `OAuth realm="${realm.replace(/["\\]/g, '\\$&')}"`;
  const body = formatOAuthParams({ oauth_problem: problem.problem, oauth_problem_advice: problem.message });
  send(ex, problem.status, 'application/x-www-form-urlencoded', body, headers);
}

/** The body as bytes, or `'too_large'` once it passes `limit` (the rest is discarded). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** True for `application/x-www-form-urlencoded`, whatever its case and parameters. */
export function isForm(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return (
    typeof type === 'string' &&
    type.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded'
  );
}

/** The form body's pairs (empty for other bodies). */
export function formPairs(ex: Exchange): Array<[string, string]> {
  if (ex.body === undefined || ex.body.length === 0 || !isForm(ex.req)) return [];
  return [...new URLSearchParams(ex.body.toString('utf8'))];
}
