// Issue 11, finding 8: cookie tossing. A sibling subdomain (or a network attacker on http) can plant a
// cookie of the same name with a more specific Path, which the browser sends first. On https the cookies
// are `__Host-` cookies, which only this exact origin can set; and when several cookies share a name,
// the one that unseals is used, so a planted one cannot hide the user's own.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE, PASSWORD } from '../context.js';

export const cookieTossing: Attack = (s) => {
  const secureOptions = () => s.options(s.mock, { session: { password: PASSWORD, secure: true } });

  it('names the cookies __Host-… when they are Secure: Path=/, no Domain', async () => {
    const secureApp = await s.startApp({ mounts: [secureOptions()] });
    const browser = new Browser(secureApp.url);
    const { answer, requestToken } = await browser.login(BASE);
    expect(answer.setCookies).toHaveLength(1);
    expect(answer.setCookies[0]).toMatch(/^__Host-oauth1a_mock_pending=[^;]+;/);
    expect(answer.setCookies[0]).toMatch(/; Path=\/;/);
    expect(answer.setCookies[0]).toMatch(/; Secure/);
    expect(answer.setCookies[0]).not.toMatch(/Domain=/i);
    const callback = await browser.callback(s.mock.approve(requestToken, '1001'));
    expect(callback.status).toBe(302);
    expect([...browser.cookies.keys()]).toEqual(['__Host-oauth1a_mock']);
    expect((await browser.get('/me')).json).toMatchObject({ first: { authorized: true } });
  });

  it('on https, a planted cookie without the __Host- prefix is not read', async () => {
    const secureApp = await s.startApp({ mounts: [secureOptions()] });
    const attacker = new Browser(secureApp.url);
    await s.signIn(attacker);
    const attackersSeal = attacker.cookie('__Host-oauth1a_mock') ?? '';
    expect(attackersSeal).not.toBe('');
    const victim = new Browser(secureApp.url);
    victim.cookies.set('oauth1a_mock', attackersSeal);
    expect((await victim.get('/me')).json).toMatchObject({ first: { authorized: false } });
  });

  it("a planted pending cookie sent first does not hide the user's own", async () => {
    const victim = new Browser(s.app.url);
    const { requestToken } = await victim.login(BASE);
    const own = victim.cookie('oauth1a_mock_pending') ?? '';
    const url = new URL(s.mock.approve(requestToken, '1001'));
    const answer = await victim.get(`${url.pathname}${url.search}`, {
      cookie: `oauth1a_mock_pending=Fe26.2**planted*; oauth1a_mock_pending=${own}`,
    });
    expect(answer.status).toBe(302);
  });

  it("a planted credentials cookie sent first does not hide the user's own", async () => {
    const victim = new Browser(s.app.url);
    await s.signIn(victim);
    const own = victim.cookie('oauth1a_mock') ?? '';
    const answer = await victim.get('/me', { cookie: `oauth1a_mock=garbage; oauth1a_mock=${own}` });
    expect(answer.json).toMatchObject({ first: { authorized: true } });
  });
};
