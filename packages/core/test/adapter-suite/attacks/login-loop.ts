// Issue 12 item 3: an app that cannot see the session (oauth1() mounted after the route that checks it)
// sends the browser back to the login after every completed login, forever. The handler notices a
// browser that comes back to the login while its sign-in is seconds old, several times in a row, and
// stops the loop with a page that names the fix.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const loginLoop: Attack = (s) => {
  it('stops the fourth login in a tight loop with invalid_config naming getOAuth1 and the mount order', async () => {
    const browser = new Browser(s.app.url);
    for (let i = 0; i < 3; i++) {
      const callback = await s.signIn(browser);
      expect(callback.status, callback.text).toBe(302);
    }
    const before = s.mock.log.length;
    const { answer } = await browser.login(BASE);
    expect(answer.status).toBe(500);
    expect(answer.json.error?.code).toBe('invalid_config');
    expect(answer.json.error?.message).toMatch(/mount oauth1\(\) before/i);
    expect(answer.json.error?.message).toMatch(/getOAuth1/);
    expect(s.mock.log.length).toBe(before);
    // Signing out ends the loop's record: a new login starts.
    await browser.post(`${BASE}/logout`);
    expect((await browser.login(BASE)).answer.status).toBe(302);
  });

  it('lets a signed-in user sign in again (switching accounts) without complaint', async () => {
    const browser = new Browser(s.app.url);
    await s.signIn(browser, s.mock, '1001');
    expect((await s.signIn(browser, s.mock, '5001')).status).toBe(302);
    expect((await browser.get('/me')).json).toMatchObject({ first: { userId: '5001' } });
  });

  it('does not count logins further apart than the loop window', async () => {
    let now = Date.now();
    const clockApp = await s.startApp({ mounts: [s.options(s.mock, { now: () => now })] });
    const browser = new Browser(clockApp.url);
    for (let i = 0; i < 5; i++) {
      expect((await s.signIn(browser)).status).toBe(302);
      now += 60_000;
    }
  });
};
