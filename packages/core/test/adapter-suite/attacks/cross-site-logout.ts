// Issue 11, finding 16: a cross-site form must not sign the user out. POST logout refuses a request the
// browser marks as cross-site (Origin or Sec-Fetch-Site); same-origin and header-less requests pass.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const crossSiteLogout: Attack = (s) => {
  it.each([
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
  ])('refuses POST logout with %o: 403, still signed in', async (headers) => {
    const browser = new Browser(s.app.url);
    await s.signIn(browser);
    const answer = await browser.post(`${BASE}/logout`, headers);
    expect(answer.status).toBe(403);
    expect(answer.json.error?.code).toBe('invalid_request');
    expect(answer.json.error?.message).toMatch(/cross-site/);
    expect(answer.setCookies).toEqual([]);
    expect((await browser.get('/me')).json).toMatchObject({ first: { authorized: true } });
  });

  it('signs out a same-origin POST (Origin and Sec-Fetch-Site: same-origin)', async () => {
    const browser = new Browser(s.app.url);
    await s.signIn(browser);
    const answer = await browser.post(`${BASE}/logout`, {
      origin: s.app.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(answer.status).toBe(200);
    expect((await browser.get('/me')).json).toMatchObject({ first: { authorized: false } });
  });

  it('refuses a cross-site POST login under loginRequiresPost', async () => {
    const postApp = await s.startApp({ mounts: [s.options(s.mock, { loginRequiresPost: true })] });
    const answer = await new Browser(postApp.url).post(`${BASE}/login`, { origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
    expect(answer.json.error?.code).toBe('invalid_request');
  });
};
