import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Deadline } from './send.js';

/** One outbound request, as the signed client and the token legs prepare it. */
export interface Outgoing {
  url: URL;
  method: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer> | string | null;
}

// Keep-alive, as undici's fetch does; idle sockets are closed after 4 s (undici's default too), before
// a Node server's own 5 s keep-alive timeout, so that a request is not sent on a socket being closed.
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000 };
const httpAgent = new HttpAgent(AGENT_OPTIONS);
const httpsAgent = new HttpsAgent(AGENT_OPTIONS);

// The headers fetch sends when the caller does not: providers see the same request either way.
const DEFAULT_HEADERS: readonly (readonly [string, string])[] = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
];

// Statuses (and a method) whose answer has no body: the Response constructor refuses one.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Sends one request over node:http(s) with a keep-alive agent and answers a Web `Response` whose body
 * streams the answer. This is what core uses when nobody injected a `fetch`: per call it does far less
 * than undici's fetch (no Request object, no abort-signal wiring, no fetch-spec bookkeeping), which the
 * benchmarks measure. `deadline` covers the headers and the body: when it expires the request is
 * destroyed, and the body (read or not) fails with the deadline's reason. The listener is ours and
 * strongly held, so no garbage collection can drop it (see issue-8.test.ts). `callerSignal` aborts the
 * call with its own reason, as fetch does.
 */
export function sendOverHttp(
  outgoing: Outgoing,
  deadline: Deadline,
  callerSignal: AbortSignal | undefined,
  mapFailure: (cause: unknown) => unknown,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    if (deadline.expired) return reject(deadline.reason);
    if (callerSignal?.aborted) return reject(callerSignal.reason);
    const { url, method, body } = outgoing;
    const headers: Record<string, string> = {};
    for (const [name, value] of DEFAULT_HEADERS) headers[name] = value;
    outgoing.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body !== null) headers['content-length'] = String(Buffer.byteLength(body));
    else if (method === 'POST' || method === 'PUT' || method === 'PATCH') headers['content-length'] = '0';
    const secure = url.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method,
      headers,
      agent: secure ? httpsAgent : httpAgent,
    });

    let answered = false;
    let settledBody: ((error?: unknown) => void) | undefined;
    const abort = (reason: unknown) => {
      request.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      if (answered) settledBody?.(reason);
      else reject(reason);
    };
    const onCallerAbort = () => abort(callerSignal?.reason);
    deadline.onExpire(abort);
    callerSignal?.addEventListener('abort', onCallerAbort);
    const release = () => {
      deadline.clear();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    };

    // A failure is reported, never retried: like fetch, a request the provider may have acted on
    // (a dropped connection after it arrived) is not sent twice.
    request.on('error', (error) => {
      if (answered) return settledBody?.(error);
      release();
      reject(error);
    });
    request.on('response', (incoming: IncomingMessage) => {
      answered = true;
      let response: Response;
      try {
        const made = toResponse(incoming, method, url, release, mapFailure);
        response = made.response;
        settledBody = made.fail;
      } catch (error) {
        release();
        request.destroy();
        reject(error);
        return;
      }
      resolve(response);
    });
    request.end(body ?? undefined);
  });
}

/** The Web Response for an answer; `fail` errors its body (deadline, caller's abort, lost connection). */
function toResponse(
  incoming: IncomingMessage,
  method: string,
  url: URL,
  release: () => void,
  mapFailure: (cause: unknown) => unknown,
): { response: Response; fail: (error?: unknown) => void } {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const status = incoming.statusCode ?? 0;
  const init = { status, statusText: incoming.statusMessage ?? '', headers };
  if (method === 'HEAD' || NULL_BODY_STATUSES.has(status)) {
    // Nothing to read, but the socket goes back to the pool only once the message has ended.
    incoming.on('end', release).on('error', release).resume();
    return { response: located(new Response(null, init), url), fail: () => {} };
  }
  const source = decoded(incoming, headers.get('content-encoding'));
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let finished = false;
  const fail = (error?: unknown) => {
    if (finished) return;
    finished = true;
    release();
    if (source !== incoming) source.destroy();
    incoming.destroy();
    controller.error(mapFailure(error ?? new Error('the connection closed before the body was complete')));
  };
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    pull() {
      source.resume();
    },
    cancel() {
      finished = true;
      release();
      if (source !== incoming) source.destroy();
      incoming.destroy();
    },
  });
  source.on('data', (chunk: Buffer) => {
    if (finished) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    // Backpressure: read on only when the reader asks (pull).
    if ((controller.desiredSize ?? 0) <= 0) source.pause();
  });
  source.on('end', () => {
    if (finished) return;
    finished = true;
    release();
    controller.close();
  });
  source.on('error', (error) => fail(error));
  incoming.on('close', () => {
    if (!incoming.complete) fail();
  });
  if (source !== incoming) incoming.on('error', (error) => fail(error));
  return { response: located(new Response(body, init), url), fail };
}

/** The answer's body decoded as fetch decodes it (gzip, deflate, br); other encodings are left as sent. */
function decoded(incoming: IncomingMessage, encoding: string | null): Readable {
  const name = encoding?.trim().toLowerCase();
  const decoder =
    name === 'gzip' || name === 'x-gzip'
      ? createGunzip()
      : name === 'deflate'
        ? createInflate()
        : name === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return incoming;
  incoming.pipe(decoder);
  return decoder;
}

/** A constructed Response has no URL; fetch reports the one asked for. */
function located(response: Response, url: URL): Response {
  Object.defineProperty(response, 'url', { value: url.href, configurable: true });
  return response;
}
