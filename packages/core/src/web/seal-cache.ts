/**
 * Seals this process made or already opened, by their exact text. Opening an iron seal derives two keys
 * with PBKDF2, which dominates a login's cost; the same seal comes back on the very next request (the
 * pending cookie at the callback, the credentials on every signed-in request). A seal's text is
 * authenticated, so a hit is exactly what a fresh unseal would return, while it has not expired. Hits are
 * copies, so a caller mutating what it got cannot change what the next request reads.
 */
export class SealCache {
  readonly #entries = new Map<string, { json: string; expiresAt: number }>();

  constructor(private readonly maxEntries = 2048) {}

  get<T>(seal: string, now: number): T | undefined {
    const entry = this.#entries.get(seal);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(seal);
      return undefined;
    }
    return JSON.parse(entry.json) as T;
  }

  set(seal: string, payload: unknown, expiresAt: number): void {
    this.#entries.delete(seal);
    if (this.#entries.size >= this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    this.#entries.set(seal, { json: JSON.stringify(payload), expiresAt });
  }
}
