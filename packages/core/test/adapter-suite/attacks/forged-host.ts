// Issue 11, finding 1: the oauth_callback must never come from an unvalidated Host. An attacker who
// starts a login with `Host: evil.example` would get the victim's verifier sent to his own server.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const forgedHost: Attack = (s) => {
  const callbackOf = async (browser: Browser, headers: Record<string, string>) => {
    const before = s.mock.log.length;
    const { answer, requestToken } = await browser.login(BASE, '', headers);
    return {
      answer,
      providerRequests: s.mock.log.length - before,
      callback: answer.status === 302 ? new URL(s.mock.approve(requestToken, '1001')) : undefined,
    };
  };

  it('refuses a login on a non-loopback Host without baseUrl: invalid_config naming baseUrl, no provider request', async () => {
    const { answer, providerRequests } = await callbackOf(new Browser(s.app.url), { host: 'evil.example' });
    expect(answer.status).toBe(500);
    expect(answer.json.error?.code).toBe('invalid_config');
    expect(answer.json.error?.message).toContain("baseUrl: 'https://your.app'");
    expect(providerRequests).toBe(0);
  });

  it('builds the callback from baseUrl whatever the Host says', async () => {
    const configured = await s.startApp({ mounts: [s.options(s.mock, { baseUrl: 'https://app.example' })] });
    const { answer, callback } = await callbackOf(new Browser(configured.url), { host: 'evil.example' });
    expect(answer.status).toBe(302);
    expect(callback?.origin).toBe('https://app.example');
    expect(callback?.pathname).toBe(`${BASE}/callback`);
  });

  it('builds the callback from callbackUrl and refuses a login on another, non-loopback host', async () => {
    const port = new URL(s.app.url).port;
    const fixed = `http://127.0.0.1:${port}${BASE}/callback`;
    const configured = await s.startApp({ mounts: [s.options(s.mock, { callbackUrl: fixed })] });
    const ok = await callbackOf(new Browser(configured.url), { host: `127.0.0.1:${port}` });
    expect(ok.callback?.href.startsWith(fixed)).toBe(true);
    const forged = await callbackOf(new Browser(configured.url), { host: 'evil.example' });
    expect(forged.answer.json.error?.code).toBe('invalid_config');
    expect(forged.providerRequests).toBe(0);
  });

  it('behind trust proxy, X-Forwarded-Host cannot choose the callback either', async () => {
    const proxied = await s.startApp({ mounts: [s.options(s.mock)], trustProxy: true });
    const { answer, callback, providerRequests } = await callbackOf(new Browser(proxied.url), {
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    // Express ignores X-Forwarded-Host for the Host it gives us; Koa with proxy: true uses it. Either
    // way the callback is never on evil.example.
    if (answer.status === 302) expect(callback?.hostname).toBe('127.0.0.1');
    else {
      expect(answer.json.error?.code).toBe('invalid_config');
      expect(providerRequests).toBe(0);
    }
  });

  it('keeps local development zero-config: localhost and 127.0.0.1 hosts work without baseUrl', async () => {
    const port = new URL(s.app.url).port;
    const local = await callbackOf(new Browser(s.app.url), { host: `localhost:${port}` });
    expect(local.answer.status).toBe(302);
    expect(local.callback?.host).toBe(`localhost:${port}`);
  });
};
