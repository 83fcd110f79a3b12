/** The endpoints a fault can be set on. */
export type EndpointName = 'request_token' | 'authorize' | 'access_token' | 'whoami' | 'echo' | 'revoke';

export const ENDPOINT_NAMES: readonly EndpointName[] = [
  'request_token',
  'authorize',
  'access_token',
  'whoami',
  'echo',
  'revoke',
];

/**
 * A misbehaviour of one endpoint. `latencyMs` delays the answer (which is otherwise normal unless another
 * field says so); `status` answers with that status instead; `malformedBody` answers 200 with a body no
 * client can parse; `dropConnection` destroys the socket without answering. `times` limits how many
 * requests are affected (default: every request until the fault is cleared).
 */
export interface Fault {
  latencyMs?: number;
  status?: number;
  malformedBody?: boolean;
  dropConnection?: boolean;
  times?: number;
}

function checkFault(endpoint: string, fault: Fault): Fault {
  if (!(ENDPOINT_NAMES as readonly string[]).includes(endpoint))
    throw new TypeError(
      `@oauth1a/mock-provider: unknown fault endpoint ${JSON.stringify(endpoint)}; use ${ENDPOINT_NAMES.join(', ')}`,
    );
  if (typeof fault !== 'object' || fault === null)
    throw new TypeError('@oauth1a/mock-provider: a fault is an object such as { status: 500 } or undefined');
  for (const name of ['latencyMs', 'status', 'times'] as const) {
    const value = fault[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0))
      throw new TypeError(`@oauth1a/mock-provider: fault.${name} must be a non-negative number`);
  }
  if (fault.status !== undefined && (fault.status < 100 || fault.status > 599))
    throw new TypeError('@oauth1a/mock-provider: fault.status must be an HTTP status (100-599)');
  return { ...fault };
}

/** The faults in force, per endpoint, counting down `times`. */
export class FaultTable {
  readonly #faults = new Map<EndpointName, Fault>();

  set(endpoint: EndpointName, fault: Fault | undefined): void {
    if (fault === undefined) {
      checkFault(endpoint, {});
      this.#faults.delete(endpoint);
      return;
    }
    this.#faults.set(endpoint, checkFault(endpoint, fault));
  }

  /** The fault for this request, if any; uses up one of its `times`. */
  take(endpoint: EndpointName): Fault | undefined {
    const fault = this.#faults.get(endpoint);
    if (fault === undefined) return undefined;
    if (fault.times !== undefined) {
      if (fault.times <= 1) this.#faults.delete(endpoint);
      else fault.times -= 1;
      if (fault.times === 0) return undefined;
    }
    return fault;
  }
}

/** A body that no client can read as the endpoint's normal answer. */
export function malformedBody(
  endpoint: EndpointName,
  tokenResponse: 'urlencoded' | 'json',
): { contentType: string; body: string } {
  if (endpoint === 'whoami' || endpoint === 'echo' || endpoint === 'revoke')
    return { contentType: 'application/json', body: '{"id": "1001", "screen_na' };
  if (endpoint === 'authorize') return { contentType: 'text/html', body: '<html><body><form action=' };
  if (tokenResponse === 'json') return { contentType: 'application/json', body: '{"oauth_token": ' };
  return { contentType: 'text/html', body: '<html><body>Service Unavailable</body></html>' };
}
