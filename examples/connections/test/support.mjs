// What the example's tests share: the example started on a temporary data folder, a signed-in visitor
// (a supertest agent keeps its cookies), and connecting an account through the mock provider's approval.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { expect } from 'vitest';
import { startExample } from '../src/server.mjs';

/** The example on its own data folder; `close()` also removes the folder. */
export async function startTestExample(env = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'oauth1a-example-connections-'));
  let example;
  try {
    example = await startExample({ env: { OAUTH1A_DATA_DIR: dataDir, ...env } });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...example,
    dataDir,
    async close() {
      await example.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A visitor signed in as `username`; its POSTs carry the app's Origin, as a browser's same-origin form does. */
export async function signedIn(example, username) {
  const agent = request.agent(example.appUrl);
  const answer = await agent.post('/signin').set('origin', example.appUrl).type('form').send({ username });
  expect(answer.status).toBe(303);
  const post = (path, fields = {}) =>
    agent.post(path).set('origin', example.appUrl).type('form').send(fields).redirects(0);
  return { agent, post, page: async () => (await agent.get('/').expect(200)).text };
}

/**
 * Connects `provider` as the mock user `userId` through the app's routes: POST connect (303 to the mock's
 * authorize page), the mock approves, the callback comes back to the app (303 to returnTo).
 */
export async function connect(example, visitor, provider, { userId, fields = {} } = {}) {
  const started = await visitor.post(`/connections/${provider}/connect`, { returnTo: '/', ...fields });
  expect(started.status, started.text).toBe(303);
  return approveAndReturn(example, visitor, provider, started.headers.location, userId);
}

/** The mock approves the request token of an authorize URL as `userId`; the browser follows the callback. */
export async function approveAndReturn(example, visitor, provider, authorizeUrl, userId) {
  const requestToken = new URL(authorizeUrl).searchParams.get('oauth_token');
  const callback = new URL(example.mocks[provider].approve(requestToken, userId));
  return visitor.agent.get(`${callback.pathname}${callback.search}`).redirects(0);
}

/** The rows of the connections page: id, status key, title (label or name), account name, uid, provider, badge. */
export function rowsOf(html) {
  return [
    ...html.matchAll(/<tr class="connection" data-id="([^"]+)" data-status="([^"]+)">([\s\S]*?)<\/tr>/g),
  ].map(([, id, status, cells]) => ({
    id,
    status,
    title: cells.match(/<td class="name">([^<]*)<\/td>/)?.[1],
    account: cells.match(/<td class="account">([^<]*) <span/)?.[1],
    uid: cells.match(/\(uid ([^)]*)\)/)?.[1],
    provider: cells.match(/<td class="provider">([^<]*)<\/td>/)?.[1],
    badge: cells.match(/<span class="badge [^"]+">([^<]*)<\/span>/)?.[1],
  }));
}

/** The access token a mock handed out for `userId`'s latest "who am I" (the first call after leg 3). */
export function latestAccessToken(mock) {
  const entry = mock.log.findLast((item) => item.endpoint === 'whoami' && item.status === 200);
  return entry?.token;
}

/** The JSON of the call page's `#api-result`. */
export function apiResultOf(html) {
  const pre = html.match(/<pre id="api-result">([^<]*)<\/pre>/)?.[1] ?? '';
  return JSON.parse(
    pre
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&'),
  );
}
