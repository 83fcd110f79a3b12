// A real browser (Debian's chromium, driven by playwright-core) uses the example as a person would:
// sign in, connect two accounts of one provider, see both named, revoke one at the mock provider,
// click Test, see "needs re-authorization", click Reconnect and approve, see the same row active again,
// disconnect the other. Screenshots of the connections page go to test-output/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '@oauth1a/example-kit/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestAccessToken, startTestExample } from './support.mjs';

const OUTPUT = fileURLToPath(new URL('../test-output/', import.meta.url));
const chromiumHere = haveChromium();

describe.skipIf(!chromiumHere)('examples/connections in Chromium', () => {
  let example;
  let context;
  let profile;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    example = await startTestExample();
    mkdirSync(OUTPUT, { recursive: true });
    profile = await mkdtemp(join(tmpdir(), 'oauth1a-chromium-'));
    // A fresh user-data-dir: no cookie or cache from an earlier run.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: CHROMIUM_ARGS,
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await example?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('connects two accounts, flags a revoked one, reconnects it in place and disconnects the other', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const row = (id) => page.locator(`tr.connection[data-id="${id}"]`);
    const shot = (name) => page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });

    // Sign in with the app's own sign-in.
    await page.goto(example.appUrl);
    await page.fill('#username', 'alice');
    await page.click('#sign-in');
    await expect(page.locator('#user').textContent()).resolves.toBe('alice');
    const session = (await context.cookies()).find((cookie) => cookie.name === 'connections_user');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    /** Connect Mock Tasks with a name, approving as a mock user on the provider's page. */
    async function connectTasks(label, userId) {
      const form = page.locator('form.connect[data-provider="tasks"]');
      await form.locator('input[name="label"]').fill(label);
      await form.locator('button').click();
      await page.waitForSelector('#approve');
      await page.selectOption('select[name="user_id"]', userId);
      await page.click('#approve');
      await page.waitForSelector('#connections');
      return latestAccessToken(example.mocks.tasks);
    }
    const adaToken = await connectTasks('Work', '1001');
    await connectTasks('Personal', '1002');

    const rows = page.locator('tr.connection');
    await expect(rows.count()).resolves.toBe(2);
    const adaId = await page.locator('tr.connection', { hasText: 'Work' }).getAttribute('data-id');
    const graceId = await page.locator('tr.connection', { hasText: 'Personal' }).getAttribute('data-id');
    expect(adaId).not.toBe(graceId);
    await expect(row(adaId).locator('.account').textContent()).resolves.toContain('ada');
    await expect(row(graceId).locator('.account').textContent()).resolves.toContain('grace');
    await expect(row(adaId).locator('.badge').textContent()).resolves.toBe('active');
    await shot('1-two-accounts');

    // The user revokes the app at the provider; the next Test notices.
    expect(example.mocks.tasks.revokeToken(adaToken)).toBe(true);
    await row(adaId).locator('button.test').click();
    await page.waitForSelector(`tr.connection[data-id="${adaId}"][data-status="needs_reauth"]`);
    await expect(row(adaId).locator('.badge').textContent()).resolves.toBe('needs re-authorization');
    await expect(row(adaId).locator('.checked').textContent()).resolves.toMatch(/\d{4}-\d\d-\d\d/);
    await expect(row(graceId).locator('.badge').textContent()).resolves.toBe('active');
    await shot('2-needs-reauthorization');

    // Reconnect: the provider's page again, approve as the same account, back to the same row.
    await row(adaId).locator('button.reconnect').click();
    await page.waitForSelector('#approve');
    await page.selectOption('select[name="user_id"]', '1001');
    await page.click('#approve');
    await page.waitForSelector(`tr.connection[data-id="${adaId}"][data-status="active"]`);
    await expect(rows.count()).resolves.toBe(2);
    await expect(row(adaId).locator('.name').textContent()).resolves.toBe('Work');
    await shot('3-reconnected');

    // Disconnect the other one.
    await row(graceId).locator('button.disconnect').click();
    await page.waitForSelector(`tr.connection[data-id="${graceId}"]`, { state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    await expect(row(adaId).locator('.badge').textContent()).resolves.toBe('active');
    await shot('4-disconnected');
  }, 90_000);
});
