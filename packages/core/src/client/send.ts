import { OAuth1Error } from '../errors.js';

/** The `fetch` shape oauth1a calls; inject your own for proxies, retries or tests. */
export type FetchLike = (input: Request) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A deadline for one outbound call: an AbortSignal that fires after `timeoutMs`, and `race()`, which
 * rejects on time even when the abort does not reach the request. (undici holds a Request's abort
 * wiring weakly: after a garbage collection an in-flight fetch may never see its signal fire, and a
 * silent provider would then hang the caller.) Cheaper than `AbortSignal.timeout`, cleared as soon as
 * the call is done, and unref'd, so a pending deadline never keeps the process alive.
 */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  #expire: ((reason: unknown) => void) | undefined;
  #expiry: Promise<never> | undefined;

  constructor(readonly timeoutMs: number) {
    this.#timer = setTimeout(() => {
      const reason = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
      this.#controller.abort(reason);
      this.#expire?.(reason);
    }, timeoutMs);
    this.#timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get expired(): boolean {
    return this.#controller.signal.aborted;
  }

  /** `promise`, or a TimeoutError rejection when the deadline passes first. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(this.#controller.signal.reason);
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
  }
}

export interface SendOptions {
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
  /** What the call was for, named in error messages ("request token request"). */
  purpose: string;
}

/**
 * Sends a request with a deadline. A timeout becomes `provider_timeout` and a network failure
 * `provider_unreachable`; an abort by the caller's own signal is passed through unchanged.
 * The returned `signal` stays armed so that reading the body also counts against the deadline.
 */
export async function sendWithTimeout(
  request: Request,
  options: SendOptions,
): Promise<{ response: Response; deadline: Deadline }> {
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const fetchImpl: FetchLike = options.fetch ?? ((input) => globalThis.fetch(input));
  try {
    // The token legs build their requests themselves, with no signal of their own: the deadline is the only one.
    const response = await deadline.race(fetchImpl(new Request(request, { signal: deadline.signal })));
    return { response, deadline };
  } catch (cause) {
    deadline.clear();
    throw mapSendFailure(cause, deadline, undefined, options.purpose);
  }
}

/**
 * sendWithTimeout for a request not built yet: the global fetch builds its Request from `url` and
 * `init` once (an injected fetch gets a Request, as always). `callerSignal` aborts it too. The deadline
 * covers the response headers and the body of the returned Response: reading it past the deadline
 * fails with `provider_timeout`.
 */
export async function sendPrepared(
  url: URL,
  init: RequestInit,
  callerSignal: AbortSignal | undefined,
  options: SendOptions,
): Promise<Response> {
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal =
    callerSignal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, callerSignal]);
  let response: Response;
  try {
    response = await deadline.race(
      options.fetch === undefined
        ? globalThis.fetch(url, { ...init, signal })
        : options.fetch(new Request(url, { ...init, signal })),
    );
  } catch (cause) {
    deadline.clear();
    throw mapSendFailure(cause, deadline, callerSignal, options.purpose);
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

/** Maps a failure while sending or reading a body to a coded error (see sendWithTimeout). */
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

/** Reads a response body as text within the same deadline, capped so a hostile provider cannot exhaust memory. */
export async function readBodyText(
  response: Response,
  deadline: Deadline,
  purpose: string,
  maxBytes = 1_000_000,
): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) {
    deadline.clear();
    return '';
  }
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await deadline.race(reader.read());
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
    return Buffer.concat(chunks).toString('utf8');
  } catch (cause) {
    // Release the connection: a stalled body would otherwise hold it open.
    reader.cancel().catch(() => {});
    throw mapSendFailure(cause, deadline, undefined, purpose);
  } finally {
    deadline.clear();
  }
}
