// Issue 16: the handler seals its cookies with sealIron (node:crypto, synchronous) instead of
// iron-session's sealData (WebCrypto). These tests hold it to iron-session's own format: its unsealData
// must open every seal, refuse a tampered or expired one, and pick the password as sealData does.
import fc from 'fast-check';
import { sealData, unsealData } from 'iron-session';
import { describe, expect, it, vi } from 'vitest';
import { sealIron } from '../src/web/iron-seal.js';

const password = 'a-password-of-at-least-thirty-two-characters';
const older = 'an-older-password-still-at-least-32-characters';

describe('sealIron', () => {
  it('is opened by iron-session for any JSON payload (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const payload = { v: 1, value };
        const opened = await unsealData(sealIron(payload, password, 600), { password, ttl: 600 });
        expect(opened).toEqual(JSON.parse(JSON.stringify(payload)));
      }),
      { numRuns: 200 },
    );
  });

  it('has the shape of a sealData seal: same parts, same password id, same ~2 suffix', async () => {
    const ours = sealIron({ v: 1 }, { 1: older, 2: password }, 600).split('*');
    const theirs = (await sealData({ v: 1 }, { password: { 1: older, 2: password }, ttl: 600 })).split('*');
    expect(ours).toHaveLength(theirs.length);
    expect(ours[0]).toBe('Fe26.2');
    expect(ours[1]).toBe(theirs[1]);
    expect(ours[2]).toMatch(/^[0-9a-f]{64}$/);
    expect(ours.at(-1)).toMatch(/~2$/);
    expect(sealIron({ v: 1 }, password, 600).split('*')[1]).toBe('1');
  });

  it('seals with the newest password of a map: opens with it, not with the older one alone', async () => {
    const seal = sealIron({ v: 1, ok: true }, { 1: older, 2: password }, 600);
    expect(await unsealData(seal, { password: { 2: password }, ttl: 600 })).toEqual({ v: 1, ok: true });
    expect(await unsealData(seal, { password: { 1: older }, ttl: 600 })).toEqual({});
  });

  it('is refused by iron-session when tampered with or under another password', async () => {
    const seal = sealIron({ v: 1, user: 'ada' }, password, 600);
    const parts = seal.split('*');
    parts[4] = `${parts[4]?.slice(0, -2)}AA`;
    expect(await unsealData(parts.join('*'), { password, ttl: 600 })).toEqual({});
    expect(
      await unsealData(seal, { password: 'another-password-of-thirty-two-characters', ttl: 600 }),
    ).toEqual({});
  });

  it('carries its expiry, which iron-session enforces', async () => {
    const before = Date.now();
    const expiry = Number(sealIron({ v: 1 }, password, 60).split('~')[0]?.split('*')[5]);
    expect(expiry).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 60_000);
    // iron allows 60 s of clock skew: seal as if two hours ago, with a one-minute lifetime.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 2 * 60 * 60 * 1000);
    const expired = sealIron({ v: 1 }, password, 60);
    vi.useRealTimers();
    expect(await unsealData(expired, { password, ttl: 600 })).toEqual({});
  });
});
