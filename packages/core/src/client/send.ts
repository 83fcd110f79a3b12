import { OAuth1Error } from '../errors.js';

/** The `fetch` shape oauth1a calls; inject your own for proxies, retries or tests. */
export type FetchLike = (input: Request) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 10_000;

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
): Promise<{ response: Response; signal: AbortSignal }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // AbortSignal.timeout's timer is unref'd: a pending deadline never keeps the process alive.
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([deadline, request.signal]);
  const fetchImpl: FetchLike = options.fetch ?? ((input) => globalThis.fetch(input));
  try {
    const response = await fetchImpl(new Request(request, { signal }));
    return { response, signal };
  } catch (cause) {
    throw mapSendFailure(cause, deadline, request.signal, options.purpose, timeoutMs);
  }
}

/**
 * sendWithTimeout for a request not built yet: the global fetch builds its Request from `url` and
 * `init` once (an injected fetch gets a Request, as always). `callerSignal` aborts it too.
 */
export async function sendPrepared(
  url: URL,
  init: RequestInit,
  callerSignal: AbortSignal | undefined,
  options: SendOptions,
): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal === undefined ? deadline : AbortSignal.any([deadline, callerSignal]);
  try {
    return options.fetch === undefined
      ? await globalThis.fetch(url, { ...init, signal })
      : await options.fetch(new Request(url, { ...init, signal }));
  } catch (cause) {
    throw mapSendFailure(cause, deadline, callerSignal, options.purpose, timeoutMs);
  }
}

/** Maps a failure while sending or reading a body to a coded error (see sendWithTimeout). */
export function mapSendFailure(
  cause: unknown,
  deadline: AbortSignal,
  callerSignal: AbortSignal | undefined,
  purpose: string,
  timeoutMs: number,
): unknown {
  if (cause instanceof OAuth1Error) return cause;
  if (callerSignal?.aborted && !deadline.aborted) return cause;
  // A TimeoutError from another deadline of ours (the signed client's, while a body is read) is a timeout too.
  if (deadline.aborted || (cause instanceof Error && cause.name === 'TimeoutError')) {
    return new OAuth1Error(
      'provider_timeout',
      `${purpose} got no answer within ${timeoutMs} ms; check the provider's status or raise timeoutMs`,
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
  signal: AbortSignal,
  purpose: string,
  timeoutMs: number,
  maxBytes = 1_000_000,
): Promise<string> {
  try {
    const reader = response.body?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
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
    throw mapSendFailure(cause, signal, undefined, purpose, timeoutMs);
  }
}
