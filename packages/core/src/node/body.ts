import type { IncomingMessage } from 'node:http';

/**
 * The Web `Request` with the Node request's body, for handlers that read a form (the connections
 * routes). When a body parser already ran (Express `req.body`, Koa `ctx.request.body`), its result is
 * re-encoded, as JSON for a JSON request and as a form otherwise; else the Node stream is handed over
 * lazily: nothing is read from it unless the handler reads the body, so a request the handler does not
 * answer reaches the app's own parsers untouched. GET and HEAD carry no body.
 */
export function withNodeBody(request: Request, req: IncomingMessage, parsed?: unknown): Request {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const init: RequestInit & { duplex: 'half' } = { body: bodyOf(request, req, parsed), duplex: 'half' };
  return new Request(request, init);
}

function bodyOf(request: Request, req: IncomingMessage, parsed: unknown): BodyInit | null {
  if (typeof parsed === 'object' && parsed !== null && !Buffer.isBuffer(parsed)) {
    if (/^application\/json\b/i.test(request.headers.get('content-type') ?? ''))
      return JSON.stringify(parsed);
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(parsed)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
          form.append(name, String(item));
      }
    }
    return form;
  }
  if (typeof parsed === 'string') return parsed;
  if (Buffer.isBuffer(parsed)) return new Uint8Array(parsed);
  if (req.readableEnded) return null;
  let chunks: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value));
      },
      cancel() {
        // Drained, not destroyed: destroying the request would close the socket before the 413 is written.
        req.resume();
      },
    },
    // No read-ahead: a stream pulls once on creation to fill its queue unless its high-water mark is 0.
    { highWaterMark: 0 },
  );
}
