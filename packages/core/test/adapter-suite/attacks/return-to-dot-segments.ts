// Issue 11, finding 2: returnTo is checked after normalisation. `/a/..//evil.example` passes a check on
// the raw input but normalises to `//evil.example`, which a browser reads as another host.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

const DOT_SEGMENTS = [
  '/.//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  '/%2e%2e//evil.example',
  '/a/..//evil.example',
  '/a/.././/evil.example/x',
];

export const returnToDotSegments: Attack = (s) => {
  it.each(DOT_SEGMENTS)('login + callback ignore returnTo=%s', async (returnTo) => {
    const answer = await s.signIn(
      new Browser(s.app.url),
      s.mock,
      '1001',
      BASE,
      `?returnTo=${encodeURIComponent(returnTo)}`,
    );
    expect(answer.status).toBe(302);
    expect(answer.location).toBe('/');
  });

  it.each(DOT_SEGMENTS)('logout ignores returnTo=%s', async (returnTo) => {
    const answer = await new Browser(s.app.url).post(
      `${BASE}/logout?returnTo=${encodeURIComponent(returnTo)}`,
      {
        accept: 'text/html',
      },
    );
    expect(answer.status).toBe(302);
    expect(answer.location).toBe('/');
  });

  it('keeps a same-origin path with dot segments, normalised', async () => {
    const answer = await s.signIn(
      new Browser(s.app.url),
      s.mock,
      '1001',
      BASE,
      '?returnTo=%2Fa%2F..%2Fb%3Fx%3D1',
    );
    expect(answer.location).toBe('/b?x=1');
  });
};
