// Issue 12 item 3, reproduced as a newcomer wrote it: the route that checks req.oauth1 is mounted before
// oauth1(), so it never sees the session and sends every signed-in browser back to the login. The loop
// used to run forever without a word; now the fourth login answers a page naming the fix. With
// getOAuth1(req), the README's pattern, the mistake is named on the first request.
import { startMockProvider } from '@oauth1a/mock-provider';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, listen, type RunningApp } from '../../core/test/adapter-suite/browser.js';
import { getOAuth1, oauth1 } from '../src/index.js';

describe('issue 12: a login loop from the mount order is named, not silent', () => {
  let mock: Awaited<ReturnType<typeof startMockProvider>>;
  const running: RunningApp[] = [];
  beforeAll(async () => {
    mock = await startMockProvider();
  });
  afterAll(async () => {
    await Promise.all(running.map((app) => app.close()));
    await mock.close();
  });

  async function start(route: express.RequestHandler): Promise<RunningApp> {
    const app = express();
    app.get('/boards', route); // the mistake: before oauth1()
    app.use(
      oauth1({ provider: mock.provider, consumer: mock.consumer, session: { password: 'p'.repeat(32) } }),
    );
    const started = await listen(app);
    running.push(started);
    return started;
  }

  it('req.oauth1?.authorized before oauth1(): the loop stops at the fourth login with invalid_config', async () => {
    const app = await start((req, res) => {
      if (!req.oauth1?.authorized) return res.redirect('/auth/mock/login?returnTo=/boards');
      res.json({ boards: [] });
    });
    const browser = new Browser(app.url);
    let stopped: { status: number; message: string | undefined } | undefined;
    for (let round = 0; round < 10 && !stopped; round++) {
      const boards = await browser.get('/boards');
      expect(boards.location).toBe('/auth/mock/login?returnTo=/boards');
      const { answer, requestToken } = await browser.login('/auth/mock', '?returnTo=/boards');
      if (answer.status !== 302) {
        stopped = { status: answer.status, message: answer.json.error?.message };
        break;
      }
      expect((await browser.callback(mock.approve(requestToken, '1001'))).location).toBe('/boards');
    }
    expect(stopped?.status).toBe(500);
    expect(stopped?.message).toMatch(/Mount oauth1\(\) before your routes/);
    expect(stopped?.message).toMatch(/getOAuth1\(req\)/);
  });

  it('getOAuth1(req) before oauth1(): the first request names the mount order', async () => {
    const app = await start((req, res) => {
      const connection = getOAuth1(req);
      if (!connection.authorized) return res.redirect('/auth/mock/login?returnTo=/boards');
      res.json({ boards: [] });
    });
    const answer = await new Browser(app.url).get('/boards', { accept: 'text/html' });
    expect(answer.status).toBe(500);
    expect(answer.text).toMatch(/mount oauth1\(\) before your routes/);
  });
});
