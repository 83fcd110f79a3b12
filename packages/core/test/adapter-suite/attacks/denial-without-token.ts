// Issue 11, finding 5: any site could cancel a login in progress with `GET /callback?oauth_problem=x`.
// A denial must name the pending request token to consume it.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const denialWithoutToken: Attack = (s) => {
  it.each(['?oauth_problem=user_refused', '?denied=', '?oauth_problem=x&oauth_token='])(
    'a denial without the pending token (%s) leaves the login waiting',
    async (query) => {
      const browser = new Browser(s.app.url);
      const { requestToken } = await browser.login(BASE);
      const forged = await browser.get(`${BASE}/callback${query}`);
      expect(forged.status).toBeGreaterThanOrEqual(400);
      const real = await browser.callback(s.mock.approve(requestToken, '1001'));
      expect(real.status).toBe(302);
      expect((await browser.get('/me')).json).toMatchObject({ first: { authorized: true } });
    },
  );
};
