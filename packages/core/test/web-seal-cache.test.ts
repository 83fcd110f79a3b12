import { describe, expect, it } from 'vitest';
import { SealCache } from '../src/web/seal-cache.js';

describe('SealCache', () => {
  it('returns what was stored for the exact seal until it expires', () => {
    const cache = new SealCache();
    cache.set('Fe26.2*1*abc', { v: 1, pending: [{ requestToken: 'rt' }] }, 1_000);
    expect(cache.get('Fe26.2*1*abc', 999)).toEqual({ v: 1, pending: [{ requestToken: 'rt' }] });
    expect(cache.get('Fe26.2*1*abd', 999)).toBeUndefined();
    expect(cache.get('Fe26.2*1*abc', 1_000)).toBeUndefined();
    // Gone for good once seen expired.
    expect(cache.get('Fe26.2*1*abc', 0)).toBeUndefined();
  });

  it('hands out copies: mutating a hit does not change the next one', () => {
    const cache = new SealCache();
    cache.set('seal', { credentials: { token: 't', params: { a: '1' } } }, Number.MAX_SAFE_INTEGER);
    const first = cache.get<{ credentials: { token: string; params: Record<string, string> } }>('seal', 0)!;
    first.credentials.token = 'changed';
    first.credentials.params.a = 'changed';
    expect(cache.get('seal', 0)).toEqual({ credentials: { token: 't', params: { a: '1' } } });
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new SealCache(2);
    cache.set('a', 1, Number.MAX_SAFE_INTEGER);
    cache.set('b', 2, Number.MAX_SAFE_INTEGER);
    cache.set('c', 3, Number.MAX_SAFE_INTEGER);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.get('b', 0)).toBe(2);
    expect(cache.get('c', 0)).toBe(3);
  });
});
