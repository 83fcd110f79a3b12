/**
 * Request tokens whose callback this process already handled. A sealed cookie cannot be revoked, so a
 * replay carrying the old cookie is caught here (per process; the provider refuses a used request token
 * too).
 */
export class ConsumedTokens {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  add(token: string, now: number): void {
    this.#seen.delete(token);
    this.#seen.set(token, now + this.ttlMs);
    this.#prune(now);
  }

  has(token: string, now: number): boolean {
    const expires = this.#seen.get(token);
    return expires !== undefined && expires > now;
  }

  #prune(now: number): void {
    for (const [token, expires] of this.#seen) {
      if (expires > now && this.#seen.size <= this.maxEntries) break;
      this.#seen.delete(token);
    }
  }
}
