// What the request benchmarks share (core's signed fetch, connections' signed calls): one timed slice of
// requests with a fixed number in flight, and the median of the slices.

export interface Sample {
  /** Requests per second of wall time. */
  requestsPerSecond: number;
  /** CPU time of this process (client and server) per request, in microseconds. */
  cpuMicrosPerRequest: number;
}

/** Requests completed in `ms` with `concurrency` in flight; every answer must be a 200 and is read whole. */
export async function loadSlice(
  send: () => Promise<Response>,
  ms: number,
  concurrency: number,
): Promise<Sample> {
  const end = performance.now() + ms;
  let done = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const response = await send();
      if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
      await response.arrayBuffer();
      done++;
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return {
    requestsPerSecond: (done * 1000) / (performance.now() - started),
    cpuMicrosPerRequest: (used.user + used.system) / done,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
