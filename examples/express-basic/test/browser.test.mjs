// A real browser (Debian's chromium, driven by playwright-core) clicks through the example: Sign in,
// Approve on the mock provider's page, back in the app signed in with the API result; and Deny.
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '@oauth1a/example-kit/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample } from '../src/server.mjs';

const chromiumHere = haveChromium();

describe.skipIf(!chromiumHere)('examples/express-basic in Chromium', () => {
  let example;
  let browser;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    example = await startExample({ env: { OAUTH1A_PROVIDER: 'mock' } });
    // playwright-core gives each launch a fresh temporary profile of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await example?.close();
  });

  it('signs in by clicking Approve and sees the signed API result', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(example.appUrl);
    await expect(page.locator('#status').textContent()).resolves.toContain('Not signed in');
    await page.click('#sign-in');
    await page.waitForSelector('#approve');
    expect(await page.locator('#app-name').textContent()).toBeTruthy();
    await page.click('#approve');
    await page.waitForSelector('#api-status');
    expect(await page.locator('#api-status').textContent()).toBe('200');
    expect(await page.locator('#api-result').textContent()).toContain('hello world');
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === `oauth1a_${example.provider.id}`);
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    await page.goto(example.appUrl);
    expect(await page.locator('#user').textContent()).toBe('ada');
    await context.close();
  }, 60_000);

  it('clicking Deny lands on the denial page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(example.appUrl);
    await page.click('#sign-in');
    await page.waitForSelector('#deny');
    await page.click('#deny');
    await page.waitForSelector('#oauth1a-error');
    expect(await page.locator('#oauth1a-error').getAttribute('data-code')).toBe('access_denied');
    expect(await page.locator('h1').textContent()).toBe('Sign-in cancelled');
    await context.close();
  }, 60_000);
});
