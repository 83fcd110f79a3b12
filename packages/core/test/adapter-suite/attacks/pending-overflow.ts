// Issue 11, finding 4: a site that sends the user through a few logins with a huge returnTo must not
// make the pending cookie too large for the user's own next login. returnTo is capped, and the oldest
// pending logins are dropped when the cookie would not fit.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const pendingOverflow: Attack = (s) => {
  it("two cross-site logins with a 2,000-character returnTo do not block the user's own login", async () => {
    const victim = new Browser(s.app.url);
    const huge = `/${'x'.repeat(1999)}`;
    for (let i = 0; i < 2; i++) {
      const { answer } = await victim.login(BASE, `?returnTo=${encodeURIComponent(huge)}`);
      expect(answer.status).toBe(302);
    }
    const own = await s.signIn(victim, s.mock, '1001', BASE, '?returnTo=%2Fmine');
    expect(own.status).toBe(302);
    expect(own.location).toBe('/mine');
  });

  it('drops the oldest pending logins rather than failing when the cookie would pass 4096 bytes', async () => {
    const browser = new Browser(s.app.url);
    const long = `/${'y'.repeat(450)}`;
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { answer, requestToken } = await browser.login(
        BASE,
        `?returnTo=${encodeURIComponent(`${long}${i}`)}`,
      );
      expect(answer.status, answer.text).toBe(302);
      expect(answer.setCookies.every((cookie) => Buffer.byteLength(cookie) <= 4096)).toBe(true);
      tokens.push(requestToken);
    }
    const newest = await browser.callback(s.mock.approve(tokens.at(-1) ?? '', '1001'));
    expect(newest.status).toBe(302);
    expect(newest.location).toBe(`${long}5`);
  });
};
