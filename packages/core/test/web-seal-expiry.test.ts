// Issue 11, finding 6: the cache of opened seals must not keep a cookie alive past the seal's own
// expiry. A seal first read late in its life used to stay readable for a whole TTL from that read.
import { sealData } from 'iron-session';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveSession } from '../src/web/options.js';
import { SealedSession } from '../src/web/session.js';

const PASSWORD = 'a-test-password-that-is-at-least-32-chars';
const credentials = {
  providerId: 'mock',
  token: 'at',
  tokenSecret: 'ats',
  params: {},
  authorizedAt: 0,
};

describe('seal cache expiry (attack)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a credentials cookie read late in its life stops reading at its own expiry', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0);
    const ttlSeconds = 3600;
    const seal = await sealData({ v: 1, credentials }, { password: PASSWORD, ttl: ttlSeconds });
    const session = new SealedSession(
      resolveSession({ password: PASSWORD, ttlSeconds }, 'mock'),
      'mock',
      60_000,
    );
    const request = () => new Request('http://127.0.0.1/', { headers: { cookie: `oauth1a_mock=${seal}` } });

    vi.setSystemTime(t0 + 3500_000); // first read, 100 s before the seal expires
    expect((await session.read(request(), false)).credentials?.token).toBe('at');
    vi.setSystemTime(t0 + 3600_000 + 61_000); // past the seal's expiry and iron's 60 s skew
    expect((await session.read(request(), false)).credentials).toBeUndefined();
  });
});
