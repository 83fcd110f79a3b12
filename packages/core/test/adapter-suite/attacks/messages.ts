// Issue 12 item 8: messages that send a newcomer the wrong way. A GET on logout is not a failed sign-in;
// a bare or reloaded callback on the right host does not blame another host.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const messages: Attack = (s) => {
  it('GET logout answers 405 with a page about signing out, not "Sign-in failed"', async () => {
    const answer = await new Browser(s.app.url).get(`${BASE}/logout`, { accept: 'text/html' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect(answer.text).not.toContain('Sign-in failed');
    expect(answer.text).toMatch(/<title>Sign-out/);
    expect(answer.text).toMatch(/POST/);
  });

  it('a bare callback (no oauth_token) says where a login starts, not "another host"', async () => {
    const answer = await new Browser(s.app.url).get(`${BASE}/callback`);
    expect(answer.status).toBe(400);
    expect(answer.json.error?.code).toBe('no_pending_authorization');
    expect(answer.json.error?.message).not.toMatch(/another host/);
    expect(answer.json.error?.message).toContain(`${BASE}/login`);
  });

  it('a callback reloaded after the login completed says so, not "another host", even in a new process', async () => {
    const browser = new Browser(s.app.url);
    const { requestToken } = await browser.login(BASE);
    const callbackUrl = s.mock.approve(requestToken, '1001');
    expect((await browser.callback(callbackUrl)).status).toBe(302);
    // A restarted app (same password) has no memory of the used token; the credentials cookie tells.
    const restarted = await s.startApp({ mounts: [s.options(s.mock)] });
    const again = new Browser(restarted.url);
    for (const [name, value] of browser.cookies) again.cookies.set(name, value);
    const reload = await again.callback(callbackUrl);
    expect(reload.json.error?.code).toBe('no_pending_authorization');
    expect(reload.json.error?.message).not.toMatch(/another host/);
    expect(reload.json.error?.message).toMatch(/already (used|signed in)/);
  });
};
