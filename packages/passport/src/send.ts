import { DEFAULT_TIMEOUT_MS, type FetchLike, OAuth1Error } from '@oauth1a/core';

/** A provider's whole answer, read within the deadline. */
export interface ReadResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: string;
}

const MAX_BODY_BYTES = 1_000_000;

/**
 * Sends one request and reads its body, all within `timeoutMs` (a provider that drips its body is cut
 * off too), so no callback of `_oauth` ever waits forever. A timeout is `provider_timeout`, a network
 * failure `provider_unreachable`; the body is capped so a hostile provider cannot exhaust memory.
 */
export async function sendAndRead(
  request: Request,
  fetch: FetchLike | undefined,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
  purpose = 'the request',
): Promise<ReadResponse> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
      controller.abort(reason);
      reject(reason);
    }, timeoutMs);
    timer.unref?.();
  });
  // Nobody may be listening when it fires (the work won the race): not an unhandled rejection.
  expired.catch(() => {});
  const send: FetchLike = fetch ?? ((input) => globalThis.fetch(input));
  try {
    return await Promise.race([read(send(new Request(request, { signal: controller.signal }))), expired]);
  } catch (cause) {
    if (cause instanceof OAuth1Error) throw cause;
    if (controller.signal.aborted) {
      throw new OAuth1Error(
        'provider_timeout',
        `${purpose} got no answer within ${timeoutMs} ms; check the provider's status or raise timeoutMs`,
        { cause },
      );
    }
    const code = (cause as { cause?: { code?: unknown } }).cause?.code;
    const detail = typeof code === 'string' ? code : cause instanceof Error ? cause.message : 'network error';
    throw new OAuth1Error(
      'provider_unreachable',
      `${purpose} could not reach the provider (${detail}); check the URL, DNS and network`,
      { cause },
    );
  } finally {
    clearTimeout(timer);
  }
}

async function read(pending: Promise<Response>): Promise<ReadResponse> {
  const response = await pending;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (next === undefined || next.done) break;
    size += next.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader?.cancel();
      throw new OAuth1Error(
        'invalid_provider_response',
        `the provider's answer exceeds ${MAX_BODY_BYTES} bytes`,
      );
    }
    chunks.push(next.value);
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}
