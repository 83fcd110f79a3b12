// Issue 11, finding 12: error pages may echo text from the request or the provider; they are served
// with a CSP that allows no script, nosniff, and no framing.
import { expect, it } from 'vitest';
import { Browser } from '../browser.js';
import { type Attack, BASE } from '../context.js';

export const errorPageHeaders: Attack = (s) => {
  it.each([
    ['an HTML error page', 'text/html'],
    ['a JSON error', 'application/json'],
  ])('%s: CSP default-src none, frame-ancestors none, nosniff, X-Frame-Options DENY', async (_, accept) => {
    const answer = await new Browser(s.app.url).get(`${BASE}/callback?oauth_token=%3Cscript%3E`, { accept });
    expect(answer.status).toBe(400);
    const csp = String(answer.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.text).not.toContain('<script>');
  });
};
