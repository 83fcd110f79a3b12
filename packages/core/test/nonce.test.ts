import { describe, expect, it } from 'vitest';
import { generateNonce, signRequest } from '../src/index.js';

describe('generateNonce', () => {
  it('gives 32 alphanumerics by default, and the length asked for', () => {
    expect(generateNonce()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(generateNonce(8)).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(generateNonce(200)).toMatch(/^[A-Za-z0-9]{200}$/);
  });

  it('never repeats across many pool refills, and uses all 62 characters evenly', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    // 5 000 nonces draw about 40 refills of the 4 KiB pool.
    for (let i = 0; i < 5000; i++) {
      const nonce = generateNonce();
      seen.add(nonce);
      for (const char of nonce) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(seen.size).toBe(5000);
    expect(counts.size).toBe(62);
    // 160 000 characters: about 2 581 each. A modulo bias (no rejection of bytes >= 248) would put
    // the first eight characters near 3 125 and the rest near 2 500.
    for (const count of counts.values()) expect(Math.abs(count - 160_000 / 62)).toBeLessThan(300);
  });

  it('is what signRequest sends when no nonce is given', () => {
    const signed = signRequest({
      method: 'GET',
      url: 'https://api.example.com/',
      consumer: { key: 'k', secret: 's' },
    });
    expect(signed.oauthParams.oauth_nonce).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});
