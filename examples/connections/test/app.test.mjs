import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockProvider } from '@oauth1a/mock-provider';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.mjs';
import { startExample } from '../src/server.mjs';
import { openConnectionStore } from '../src/store.mjs';

const KEY = 'the app key that seals cookies and secrets';
let folder;
let store;
let mocks;
let app;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'oauth1a-connections-test-'));
  store = openConnectionStore({ file: join(folder, 'connections.sqlite'), password: KEY });
  const [tasks, photos] = await Promise.all([startMockProvider(), startMockProvider()]);
  mocks = { tasks, photos };
  const providers = Object.entries(mocks).map(([id, mock]) => ({
    provider: { ...mock.provider, id, name: id === 'tasks' ? 'Mock Tasks' : 'Mock Photos' },
    consumer: mock.consumer,
    apiUrl: `${mock.url}/api/echo?from=${id}`,
  }));
  app = createApp({ providers, store, sessionPassword: KEY });
});

afterAll(async () => {
  await Promise.all(Object.values(mocks).map((mock) => mock.close()));
  await rm(folder, { recursive: true, force: true });
});

/** A browser of its own: a first visit gives it its owner cookie. */
async function newVisitor() {
  const agent = request.agent(app);
  const home = await agent.get('/').expect(200);
  expect(home.headers['set-cookie']?.join()).toMatch(/connections_owner=Fe26\.2.*HttpOnly; SameSite=Lax/);
  return agent;
}

/** Connects `providerId` as the mock user `userId`: login, approval at the mock, callback. */
async function connect(agent, providerId, userId) {
  const login = await agent.get(`/auth/${providerId}/login?returnTo=/`).expect(302);
  const requestToken = new URL(login.headers.location).searchParams.get('oauth_token');
  const callback = new URL(mocks[providerId].approve(requestToken, userId));
  const back = await agent.get(`${callback.pathname}${callback.search}`).expect(302);
  expect(back.headers.location).toBe('/');
  // The credentials went to the store, not to a cookie: only the pending cookie is cleared.
  expect(back.headers['set-cookie'].join()).not.toMatch(new RegExp(`oauth1a_${providerId}=Fe26`));
}

/** What the mock provider's /api/echo saw, read back from the call page. */
function echoOf(html) {
  const pre = html.match(/<pre id="api-result">([^<]*)<\/pre>/)[1];
  return JSON.parse(pre.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&'));
}

const identities = (html) =>
  [
    ...html.matchAll(
      /<tr class="connection" data-id="([^"]+)">\s*<td>([^<]+)<\/td>\s*<td class="identity">([^<]+)</g,
    ),
  ].map(([, id, app, identity]) => `${id} ${app}: ${identity}`);

describe('examples/connections', () => {
  let agent;

  beforeAll(async () => {
    agent = await newVisitor();
  });

  it('starts with no connections and a Connect link per provider', async () => {
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('No connections yet');
    expect(home.text).toContain('href="/auth/tasks/login?returnTo=/">Connect Mock Tasks');
    expect(home.text).toContain('href="/auth/photos/login?returnTo=/">Connect Mock Photos');
    expect(home.text).not.toContain('action="/call"');
  });

  it('connects both providers as different users, each named by its "who am I"', async () => {
    await connect(agent, 'tasks', '1001');
    await connect(agent, 'photos', '1002');
    const home = await agent.get('/').expect(200);
    expect(identities(home.text)).toEqual([
      'tasks:1001 Mock Tasks: ada (1001)',
      'photos:1002 Mock Photos: grace (1002)',
    ]);
    expect(mocks.tasks.log.some((entry) => entry.endpoint === 'whoami' && entry.status === 200)).toBe(true);
    expect(mocks.photos.log.some((entry) => entry.endpoint === 'whoami' && entry.status === 200)).toBe(true);
  });

  it('makes a signed call through each connection to its own provider', async () => {
    for (const [connection, mock, userId] of [
      ['tasks:1001', mocks.tasks, '1001'],
      ['photos:1002', mocks.photos, '1002'],
    ]) {
      const call = await agent
        .post('/call')
        .type('form')
        .send({ connection, path: '/api/echo?tag=a&tag=b' })
        .expect(200);
      expect(call.text).toContain('<strong id="api-status">200</strong>');
      expect(call.text).toContain(`GET ${mock.url}/api/echo?tag=a&amp;tag=b answered`);
      const echo = echoOf(call.text);
      expect(echo).toMatchObject({
        method: 'GET',
        path: '/api/echo',
        consumerKey: mock.consumer.key,
        userId,
      });
      expect(echo.query).toEqual([
        ['tag', 'a'],
        ['tag', 'b'],
      ]);
      expect(mock.log.at(-1)).toMatchObject({ endpoint: 'echo', status: 200, token: echo.oauth.oauth_token });
    }
  });

  it('sends signed calls to paths on the provider API origin only', async () => {
    for (const path of [
      '//evil.example/steal',
      '/\\evil.example/steal',
      'http://evil.example/',
      'api/echo',
      '',
    ]) {
      const call = await agent
        .post('/call')
        .type('form')
        .send({ connection: 'tasks:1001', path })
        .expect(400);
      expect(call.text).toContain(`Give a path on ${mocks.tasks.url}`);
    }
    await agent.post('/call').type('form').send({ connection: 'tasks:9999', path: '/api/echo' }).expect(404);
  });

  it('never writes a token or token secret to the store file in clear text', async () => {
    const bytes = await readFile(store.file);
    // A SQLite database file, read back by a fresh store.
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    const reopened = openConnectionStore({ file: store.file, password: KEY });
    const rows = await reopened.rawRows();
    expect(rows).toHaveLength(2);
    const text = bytes.toString('latin1');
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual([
        'connected_at',
        'id',
        'name',
        'owner',
        'provider_id',
        'sealed',
        'uid',
      ]);
      expect(row.sealed).toMatch(/^Fe26\.2\*/);
      const { credentials } = await reopened.get(row.owner, row.id);
      expect(credentials.tokenSecret.length).toBeGreaterThan(8);
      expect(text).not.toContain(credentials.tokenSecret);
      expect(text).not.toContain(credentials.token);
    }
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    // Another key cannot open them: the connection then asks to be connected again.
    const other = openConnectionStore({ file: store.file, password: 'another app key of thirty-two chars!' });
    const { owner, id } = rows[0];
    expect((await other.get(owner, id)).credentials).toBeUndefined();
  });

  it("keeps each browser's connections to itself", async () => {
    const stranger = await newVisitor();
    expect((await stranger.get('/').expect(200)).text).toContain('No connections yet');
    await stranger
      .post('/call')
      .type('form')
      .send({ connection: 'tasks:1001', path: '/api/echo' })
      .expect(404);
    await stranger.post('/disconnect').type('form').send({ connection: 'tasks:1001' }).expect(303);
    expect(identities((await agent.get('/')).text)).toHaveLength(2);
  });

  it('disconnect removes one connection', async () => {
    const gone = await agent.post('/disconnect').type('form').send({ connection: 'tasks:1001' }).expect(303);
    expect(gone.headers.location).toBe('/');
    expect(identities((await agent.get('/')).text)).toEqual(['photos:1002 Mock Photos: grace (1002)']);
    const reopened = openConnectionStore({ file: store.file, password: KEY });
    expect((await reopened.rawRows()).map((row) => row.id)).toEqual(['photos:1002']);
    await agent.post('/call').type('form').send({ connection: 'tasks:1001', path: '/api/echo' }).expect(404);
  });

  it('a first request straight to a login gets its owner cookie, then the login', async () => {
    const fresh = request.agent(app);
    const first = await fresh.get('/auth/tasks/login?returnTo=/').expect(302);
    expect(first.headers.location).toBe('/auth/tasks/login?returnTo=/');
    expect(first.headers['set-cookie'].join()).toContain('connections_owner=');
    const login = await fresh.get(first.headers.location).expect(302);
    expect(login.headers.location).toMatch(new RegExp(`^${mocks.tasks.provider.authorizeUrl}\\?`));
  });
});

describe('npm start (src/server.mjs)', () => {
  it('serves two mock providers side by side, and close() removes its temporary store', async () => {
    const example = await startExample({ env: { OAUTH1A_PROVIDER: 'mock' } });
    let file;
    try {
      expect(example.providers.map((provider) => provider.name)).toEqual(['Mock Tasks', 'Mock Photos']);
      const home = await fetch(`${example.appUrl}/`);
      const html = await home.text();
      expect(html).toContain('Connect Mock Tasks');
      expect(html).toContain('Connect Mock Photos');
      file = example.store.file;
    } finally {
      await example.close();
    }
    expect(existsSync(join(file, '..'))).toBe(false);
  });
});
