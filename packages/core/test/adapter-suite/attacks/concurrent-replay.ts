// Issue 11, finding 10: parallel replays of one callback (same cookie) must send one access-token
// request, not one per replay: the request token is marked consumed before any await.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const concurrentReplay: Attack = (s) => {
  it('8 parallel callbacks with the same cookie: one access-token request, one success', async () => {
    const browser = new Browser(s.app.url);
    const { requestToken } = await browser.login(BASE);
    const callbackUrl = s.mock.approve(requestToken, '1001');
    const before = s.accessTokenRequests(s.mock);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => {
        const copy = new Browser(s.app.url);
        for (const [name, value] of browser.cookies) copy.cookies.set(name, value);
        return copy.callback(callbackUrl);
      }),
    );
    expect(s.accessTokenRequests(s.mock) - before).toBe(1);
    expect(answers.filter((answer) => answer.status === 302)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 302))
      expect(answer.json.error?.code).toBe('no_pending_authorization');
  });
};
