import { OAuth1Error } from '../errors.js';
import { type Outgoing, sendOverHttp } from './http-transport.js';

/** The `fetch` shape oauth1a calls; inject your own for proxies, retries or tests. */
export type FetchLike = (input: Request) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A deadline for one outbound call: a timer that, after `timeoutMs`, aborts `signal`, calls the
 * `onExpire` callback and rejects every `race()`, which rejects on time even when the abort does not
 * reach the request. (undici holds a Request's abort wiring weakly: after a garbage collection an
 * in-flight fetch may never see its signal fire, and a silent provider would then hang the caller.) The
 * timer holds the deadline strongly; it is cleared as soon as the call is done, and unref'd, so a
 * pending deadline never keeps the process alive. The AbortController is made only when `signal` is
 * asked for: core's own transport needs the callback alone, and a controller per call was 5% of a
 * signed call's CPU time.
 */
export class Deadline {
  #controller: AbortController | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  #reason: DOMException | undefined;
  #expire: ((reason: unknown) => void) | undefined;
  #expiry: Promise<never> | undefined;
  #onExpire: ((reason: unknown) => void) | undefined;

  constructor(readonly timeoutMs: number) {
    this.#timer = setTimeout(() => {
      const reason = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
      this.#reason = reason;
      this.#controller?.abort(reason);
      this.#expire?.(reason);
      this.#onExpire?.(reason);
    }, timeoutMs);
    this.#timer.unref?.();
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#reason !== undefined) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  get expired(): boolean {
    return this.#reason !== undefined;
  }

  /** The TimeoutError the deadline expired with. */
  get reason(): DOMException | undefined {
    return this.#reason;
  }

  /** Calls `callback` when the deadline expires (one callback; cleared by `clear()`). */
  onExpire(callback: (reason: unknown) => void): void {
    this.#onExpire = callback;
  }

  /** `promise`, or a TimeoutError rejection when the deadline passes first. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.#reason !== undefined) return Promise.reject(this.#reason);
    if (this.#expiry === undefined) {
      this.#expiry = new Promise<never>((_, reject) => {
        this.#expire = reject;
      });
      // Nobody may be listening when it fires (the race was already won): not an unhandled rejection.
      this.#expiry.catch(() => {});
    }
    return Promise.race([promise, this.#expiry]);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#expire = undefined;
    this.#onExpire = undefined;
  }
}

export interface SendOptions {
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  /** What the call was for, named in error messages ("request token request"). */
  purpose: string;
}

// The global fetch as this module found it. When it is still that one at call time, and nobody
// injected a fetch, core sends over node:http itself (see http-transport.ts); a global fetch replaced
// since (a test double, an instrumented fetch) is called instead, as it always was.
const BUILTIN_FETCH = globalThis.fetch;

/**
 * Sends one request with a deadline that covers the response headers and the body of the returned
 * Response: reading it past the deadline fails with `provider_timeout`. A timeout becomes
 * `provider_timeout` and a network failure `provider_unreachable`; an abort by `callerSignal` is passed
 * through unchanged. An injected `fetch` gets a Request built once; otherwise core's own keep-alive
 * node:http transport sends it. Redirects are never followed here (the signed client does that).
 */
export async function sendPrepared(
  outgoing: Outgoing,
  callerSignal: AbortSignal | undefined,
  options: SendOptions,
): Promise<Response> {
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const mapFailure = (cause: unknown) => mapSendFailure(cause, deadline, callerSignal, options.purpose);
  const injected =
    options.fetch ??
    (globalThis.fetch === BUILTIN_FETCH ? undefined : (input: Request) => globalThis.fetch(input));
  if (injected === undefined) {
    try {
      return await sendOverHttp(outgoing, deadline, callerSignal, mapFailure);
    } catch (cause) {
      deadline.clear();
      throw mapFailure(cause);
    }
  }
  const signal =
    callerSignal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, callerSignal]);
  let response: Response;
  try {
    response = await deadline.race(
      injected(
        new Request(outgoing.url, {
          method: outgoing.method,
          headers: outgoing.headers,
          body: outgoing.body,
          redirect: 'manual',
          signal,
        }),
      ),
    );
  } catch (cause) {
    deadline.clear();
    throw mapFailure(cause);
  }
  return withBodyDeadline(response, deadline, callerSignal, options.purpose);
}

// Statuses whose Response cannot have a body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The response with its body read within `deadline`: each read is raced against it (the abort alone may
 * never reach undici's stream, see Deadline), so a provider that drips or stalls its body fails with
 * `provider_timeout` instead of hanging the reader. The deadline is released when the body ends, fails
 * or is cancelled. RFC 5849 says nothing of timeouts; this is `timeoutMs`'s promise.
 */
export function withBodyDeadline(
  response: Response,
  deadline: Deadline,
  callerSignal: AbortSignal | undefined,
  purpose: string,
): Response {
  const source = response.body;
  if (source === null || NULL_BODY_STATUSES.has(response.status)) {
    deadline.clear();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await deadline.race(reader.read());
          if (done) {
            deadline.clear();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (cause) {
          deadline.clear();
          // Release the connection: a stalled body would otherwise hold it open.
          reader.cancel(cause).catch(() => {});
          controller.error(mapSendFailure(cause, deadline, callerSignal, purpose));
        }
      },
      cancel(reason) {
        deadline.clear();
        return reader.cancel(reason);
      },
    },
    // Pull only when the caller reads: an unread body costs nothing until the deadline fails it.
    { highWaterMark: 0 },
  );
  const bounded = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A constructed Response has no URL of its own; keep the one the caller's fetch would report.
  Object.defineProperties(bounded, {
    url: { value: response.url, configurable: true },
    redirected: { value: response.redirected, configurable: true },
  });
  return bounded;
}

/** Maps a failure while sending or reading a body to a coded error (see sendPrepared). */
export function mapSendFailure(
  cause: unknown,
  deadline: Deadline,
  callerSignal: AbortSignal | undefined,
  purpose: string,
): unknown {
  if (cause instanceof OAuth1Error) return cause;
  if (callerSignal?.aborted && !deadline.expired) return cause;
  // A TimeoutError from another deadline of ours (the signed client's, while a body is read) is a timeout too.
  if (deadline.expired || (cause instanceof Error && cause.name === 'TimeoutError')) {
    return new OAuth1Error(
      'provider_timeout',
      `${purpose} got no answer within ${deadline.timeoutMs} ms; check the provider's status or raise timeoutMs`,
      { cause },
    );
  }
  return new OAuth1Error(
    'provider_unreachable',
    `${purpose} could not reach the provider (${describeNetworkError(cause)}); check the URL, DNS and network`,
    { cause },
  );
}

function describeNetworkError(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof inner?.code === 'string') return inner.code;
  if (cause instanceof Error) return cause.message;
  return 'network error';
}

/**
 * Reads a response body as text, capped so a hostile provider cannot exhaust memory. The body of a
 * Response from sendPrepared is already bounded by its deadline; `deadline`, when given, bounds the
 * read too (a caller's own deadline over several steps) and is cleared once the body is read.
 */
export async function readBodyText(
  response: Response,
  deadline: Deadline | undefined,
  purpose: string,
  maxBytes = 1_000_000,
): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) {
    deadline?.clear();
    return '';
  }
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await (deadline === undefined ? reader.read() : deadline.race(reader.read()));
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new OAuth1Error(
          'invalid_provider_response',
          `${purpose}: the provider's answer exceeds ${maxBytes} bytes`,
        );
      }
      chunks.push(value);
    }
    const only = chunks.length === 1 ? chunks[0]! : undefined;
    return only === undefined
      ? Buffer.concat(chunks).toString('utf8')
      : Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString('utf8');
  } catch (cause) {
    // Release the connection: a stalled body would otherwise hold it open.
    reader.cancel().catch(() => {});
    if (deadline === undefined) throw cause;
    throw mapSendFailure(cause, deadline, undefined, purpose);
  } finally {
    deadline?.clear();
  }
}
