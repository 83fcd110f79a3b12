import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isOAuth1Error, parseAuthorizationHeader } from '@oauth1a/core';
import { handleAccessToken } from './endpoints/access-token.js';
import { handleAuthorizeDecision, handleAuthorizePage } from './endpoints/authorize.js';
import { handleRequestToken } from './endpoints/request-token.js';
import { handleEcho, handleRevoke, handleWhoami } from './endpoints/resources.js';
import { type EndpointName, type FaultTable, malformedBody } from './faults.js';
import {
  type Exchange,
  formPairs,
  isForm,
  type LogEntry,
  Problem,
  readBody,
  send,
  sendHtml,
  sendProblem,
} from './http.js';
import { problemPage } from './pages.js';
import type { Context } from './verify.js';

/** The default paths of the endpoints. */
export const PATHS = {
  requestToken: '/oauth/request_token',
  authorize: '/oauth/authorize',
  accessToken: '/oauth/access_token',
  whoami: '/api/whoami',
  echo: '/api/echo',
  revoke: '/oauth/revoke',
} as const;

type Handler = (ctx: Context, ex: Exchange) => Promise<void> | void;

async function handleAuthorize(ctx: Context, ex: Exchange): Promise<void> {
  if (ex.req.method === 'GET' || ex.req.method === 'HEAD') return handleAuthorizePage(ctx, ex);
  if (ex.req.method !== 'POST')
    throw new Problem('parameter_rejected', 405, 'use GET or POST', { allow: 'GET, HEAD, POST' });
  if (!isForm(ex.req))
    throw new Problem('parameter_rejected', 415, 'post the form as application/x-www-form-urlencoded');
  handleAuthorizeDecision(ctx, ex, new URLSearchParams(formPairs(ex)));
}

/** Whether the request carries `oauth_token` anywhere (header, query or form body), without verifying. */
function carriesToken(ex: Exchange): boolean {
  if (ex.url.searchParams.has('oauth_token')) return true;
  if (formPairs(ex).some(([name]) => name === 'oauth_token')) return true;
  const header = ex.req.headers.authorization;
  if (header === undefined) return false;
  try {
    return parseAuthorizationHeader(header).params.oauth_token !== undefined;
  } catch {
    return false;
  }
}

interface Route {
  endpoint: EndpointName | ((ex: Exchange) => EndpointName);
  handler: Handler;
}

function routes(ctx: Context): Map<string, Route> {
  const table = new Map<string, Route>([
    [PATHS.requestToken, { endpoint: 'request_token', handler: handleRequestToken }],
    [PATHS.authorize, { endpoint: 'authorize', handler: handleAuthorize }],
    [PATHS.accessToken, { endpoint: 'access_token', handler: handleAccessToken }],
    [PATHS.whoami, { endpoint: 'whoami', handler: handleWhoami }],
    [PATHS.echo, { endpoint: 'echo', handler: handleEcho }],
    [PATHS.revoke, { endpoint: 'revoke', handler: handleRevoke }],
  ]);
  const shared = ctx.options.sharedTokenPath;
  if (shared !== undefined) {
    // Evernote: one URL; a token in the request means leg 3.
    const endpoint = (ex: Exchange): EndpointName => (carriesToken(ex) ? 'access_token' : 'request_token');
    table.set(shared, {
      endpoint,
      handler: (c, ex) =>
        endpoint(ex) === 'access_token' ? handleAccessToken(c, ex) : handleRequestToken(c, ex),
    });
  }
  return table;
}

/** Timers of in-flight latency faults, cleared on close so that nothing keeps the process alive. */
export class Delays {
  readonly #timers = new Set<NodeJS.Timeout>();
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }
  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

export interface ServerParts {
  ctx: Context;
  faults: FaultTable;
  log: LogEntry[];
  delays: Delays;
}

function requestUrl(ctx: Context, req: IncomingMessage): URL | undefined {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return undefined;
  const host = req.headers.host ?? new URL(ctx.baseUrl).host;
  try {
    return new URL(`http://${host}${target}`);
  } catch {
    return undefined;
  }
}

function realmOf(ctx: Context): string {
  return ctx.options.realm ?? ctx.baseUrl;
}

function answerProblem(ctx: Context, ex: Exchange, problem: Problem): void {
  if (ex.entry.endpoint === 'authorize') {
    ex.entry.problem = problem.problem;
    const html = problemPage(problem.problem, problem.message);
    sendHtml(ex, problem.status, html);
    return;
  }
  sendProblem(ex, problem, realmOf(ctx));
}

async function handle(
  parts: ServerParts,
  table: Map<string, Route>,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const { ctx, faults, log, delays } = parts;
  const url = requestUrl(ctx, req);
  const entry: LogEntry = {
    method: req.method ?? 'GET',
    path: url?.pathname ?? req.url ?? '',
    endpoint: 'not_found',
    status: 0,
  };
  log.push(entry);
  const onRequest = ctx.options.onRequest;
  if (onRequest !== undefined) res.once('close', () => onRequest(entry));
  if (log.length > ctx.options.maxLogEntries) log.splice(0, log.length - ctx.options.maxLogEntries);
  const ex: Exchange = { req, res, url: url ?? new URL(ctx.baseUrl), body: undefined, entry };
  if (url === undefined) {
    req.resume();
    sendProblem(
      ex,
      new Problem('parameter_rejected', 400, 'malformed request target or Host header'),
      realmOf(ctx),
    );
    return;
  }

  const body = await readBody(req, ctx.options.maxBodyBytes);
  if (body === 'too_large') {
    const route = table.get(url.pathname);
    if (route !== undefined && typeof route.endpoint === 'string') entry.endpoint = route.endpoint;
    sendProblem(
      ex,
      new Problem(
        'parameter_rejected',
        413,
        `request bodies are limited to ${ctx.options.maxBodyBytes} bytes`,
        {
          connection: 'close',
        },
      ),
      realmOf(ctx),
    );
    return;
  }
  ex.body = body.length === 0 ? undefined : body;

  const route = table.get(url.pathname);
  if (route === undefined) {
    send(ex, 404, 'text/plain; charset=utf-8', 'not found');
    return;
  }
  const endpoint = typeof route.endpoint === 'string' ? route.endpoint : route.endpoint(ex);
  entry.endpoint = endpoint;

  const fault = faults.take(endpoint);
  if (fault !== undefined) {
    if (fault.latencyMs !== undefined && fault.latencyMs > 0) {
      entry.fault = 'latency';
      await delays.wait(fault.latencyMs);
      if (res.destroyed) return;
    }
    if (fault.dropConnection === true) {
      entry.fault = 'drop_connection';
      req.socket.destroy();
      return;
    }
    if (fault.status !== undefined) {
      entry.fault = 'status';
      send(ex, fault.status, 'text/plain; charset=utf-8', `mock provider fault: status ${fault.status}`);
      return;
    }
    if (fault.malformedBody === true) {
      entry.fault = 'malformed_body';
      const bad = malformedBody(endpoint, ctx.options.tokenResponse);
      send(ex, 200, bad.contentType, bad.body);
      return;
    }
  }

  try {
    await route.handler(ctx, ex);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof Problem) {
      answerProblem(ctx, ex, error);
    } else if (isOAuth1Error(error) && error.code === 'verification_failed') {
      const advice = error.message.replace(/ \(oauth1a: .*$/, '');
      answerProblem(ctx, ex, new Problem(error.problem ?? 'parameter_rejected', error.status, advice));
    } else if (isOAuth1Error(error)) {
      answerProblem(
        ctx,
        ex,
        new Problem('parameter_rejected', 400, error.message.replace(/ \(oauth1a: .*$/, '')),
      );
    } else {
      entry.problem = 'internal_error';
      send(ex, 500, 'text/plain; charset=utf-8', 'internal error in the mock provider');
    }
  }
}

/** The `node:http` server of the mock provider; no framework. */
export function createMockServer(parts: ServerParts): Server {
  const table = routes(parts.ctx);
  const server = createServer((req, res) => {
    handle(parts, table, req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('internal error in the mock provider');
      } else {
        res.destroy();
      }
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
