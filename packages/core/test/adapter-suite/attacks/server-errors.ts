// Issue 11, finding 9, and issue 12 item 8 (a wrong consumer secret logged nowhere): a misconfiguration
// fails at startup when it can, and every 5xx the handler answers is logged with its cause through
// `logger` (console by default), never with a secret.
import { format } from 'node:util';
import { expect, it, vi } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE, OTHER_PASSWORD, PASSWORD } from '../context.js';

export const serverErrors: Attack = (s) => {
  it('refuses a password map with non-numeric keys at startup, naming the keys', () => {
    const bad = s.options(s.mock, { session: { password: { old: OTHER_PASSWORD, current: PASSWORD } } });
    expect(() => s.driver.createApp({ mounts: [bad] })).toThrow(
      /session\.password keys.*"old".*invalid_config/,
    );
  });

  it('logs a wrong consumer secret (request_token_failed, 502) through logger, without the secret', async () => {
    const lines: string[] = [];
    const secret = 'the-wrong-consumer-secret-value';
    const wrong = await s.startApp({
      mounts: [
        s.options(s.mock, {
          consumer: { key: s.mock.consumer.key, secret },
          logger: { error: (...args: unknown[]) => lines.push(format(...args)) },
        }),
      ],
    });
    const { answer } = await new Browser(wrong.url).login(BASE);
    expect(answer.status).toBe(502);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('request_token_failed');
    expect(lines[0]).toContain(`GET ${BASE}/login`);
    expect(lines[0]).toMatch(/signature_invalid/);
    expect(lines[0]).not.toContain(secret);
  });

  it('logs an unexpected fault with its cause on console.error by default, and no token in the URL', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    });
    try {
      const faulty = await s.startApp({
        mounts: [
          s.options(s.mock, {
            onAuthorized: () => {
              throw new Error('the user database is down');
            },
          }),
        ],
      });
      const browser = new Browser(faulty.url);
      const answer = await s.signIn(browser);
      expect(answer.status).toBe(500);
      expect(answer.json.error?.code).toBe('internal_error');
      expect(answer.text).not.toContain('database is down');
      const logged = lines.join('\n');
      expect(logged).toContain('internal_error');
      expect(logged).toContain('the user database is down');
      expect(logged).toContain(`GET ${BASE}/callback`);
      expect(logged).not.toMatch(/oauth_verifier|oauth_token=/);
    } finally {
      spy.mockRestore();
    }
  });

  it('does not log 4xx answers (a forged callback is not a server fault)', async () => {
    const lines: string[] = [];
    const quiet = await s.startApp({
      mounts: [s.options(s.mock, { logger: { error: (...args: unknown[]) => lines.push(format(...args)) } })],
    });
    await new Browser(quiet.url).get(`${BASE}/callback?oauth_token=forged&oauth_verifier=x`);
    expect(lines).toEqual([]);
  });
};
