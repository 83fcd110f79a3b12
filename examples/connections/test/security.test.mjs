// Secure by default: cross-site posts refused, only the app's own host served, the callback URL never
// from a Host header, errors as a page with a code and never a stack, no secret on any page.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample } from '../src/server.mjs';
import { connect, signedIn, startTestExample } from './support.mjs';

let example;

beforeAll(async () => {
  example = await startTestExample();
});

afterAll(async () => {
  await example?.close();
});

describe('cross-site requests', () => {
  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const answer = await request(example.appUrl)
      .post('/signin')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ username: 'victim' })
      .expect(403);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it("refuses connect, delete and the signed call posted cross-site, even with the victim's cookie", async () => {
    const visitor = await signedIn(example, 'victim');
    await connect(example, visitor, 'tasks', { userId: '1001' });
    const html = await visitor.page();
    const id = html.match(/data-id="([^"]+)"/)[1];
    for (const path of ['/connections/tasks/connect', `/connections/${id}/delete`, '/call', '/signout']) {
      const answer = await visitor.agent
        .post(path)
        .set('origin', 'https://evil.example')
        .set('sec-fetch-site', 'cross-site')
        .type('form')
        .send({ connection: id, path: 'whoami', returnTo: '/' })
        .redirects(0);
      expect(answer.status, path).toBe(403);
    }
    expect(await visitor.page()).toContain(`data-id="${id}"`);
  });
});

describe('page headers', () => {
  it('serves the connections page uncached, script-free and unframeable', async () => {
    const visitor = await signedIn(example, 'headers');
    const answer = await visitor.agent.get('/').expect(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.text).not.toContain('<script');
  });
});

describe('hosts and the callback URL', () => {
  it('answers a foreign Host (DNS rebinding) with 421, and sends localhost to the app origin', async () => {
    const foreign = await request(example.appUrl).get('/').set('host', 'evil.example');
    expect(foreign.status).toBe(421);
    const port = new URL(example.appUrl).port;
    const other = await request(example.appUrl).get('/?x=1').set('host', `localhost:${port}`).redirects(0);
    expect(other.status).toBe(307);
    expect(other.headers.location).toBe(`${example.appUrl}/?x=1`);
  });

  it('sends the provider the configured callback URL whatever the Host header says', async () => {
    const visitor = await signedIn(example, 'hostile');
    const started = await visitor.agent
      .post('/connections/tasks/connect')
      .set('origin', example.appUrl)
      .set('x-forwarded-host', 'evil.example')
      .type('form')
      .send({ returnTo: '/' })
      .redirects(0);
    expect(started.status).toBe(303);
    const requestToken = new URL(started.headers.location).searchParams.get('oauth_token');
    const callback = new URL(example.mocks.tasks.approve(requestToken));
    expect(callback.origin).toBe(example.appUrl);
    expect(callback.pathname).toBe('/connections/callback');
  });

  it('refuses to start off loopback without OAUTH1A_BASE_URL', async () => {
    await expect(startExample({ host: '0.0.0.0', env: {} })).rejects.toThrow(/OAUTH1A_BASE_URL/);
  });

  it('builds the callback on OAUTH1A_BASE_URL and marks cookies Secure behind https', async () => {
    const behindProxy = await startTestExample({ OAUTH1A_BASE_URL: 'https://connections.example' });
    try {
      expect(behindProxy.appUrl).toBe('https://connections.example');
      const signin = await request(behindProxy.listenUrl)
        .post('/signin')
        .set('host', 'connections.example')
        .set('origin', 'https://connections.example')
        .type('form')
        .send({ username: 'ada' })
        .expect(303);
      expect(signin.headers['set-cookie'].join()).toMatch(/; Secure/);
      const cookie = signin.headers['set-cookie'][0].split(';')[0];
      const started = await request(behindProxy.listenUrl)
        .post('/connections/tasks/connect')
        .set('host', 'connections.example')
        .set('origin', 'https://connections.example')
        .set('cookie', cookie)
        .type('form')
        .send({ returnTo: '/' })
        .expect(303);
      const requestToken = new URL(started.headers.location).searchParams.get('oauth_token');
      expect(new URL(behindProxy.mocks.tasks.approve(requestToken)).origin).toBe(
        'https://connections.example',
      );
    } finally {
      await behindProxy.close();
    }
  });
});

describe('errors', () => {
  it('renders a replayed or forged callback as an error page with a code, never a stack', async () => {
    const visitor = await signedIn(example, 'replayer');
    const started = await visitor.post('/connections/tasks/connect', { returnTo: '/' });
    const requestToken = new URL(started.headers.location).searchParams.get('oauth_token');
    const callback = new URL(example.mocks.tasks.approve(requestToken));
    await visitor.agent.get(`${callback.pathname}${callback.search}`).expect(303);
    const replay = await visitor.agent.get(`${callback.pathname}${callback.search}`).redirects(0);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('data-code="no_pending_authorization"');
    const forged = await visitor.agent.get('/connections/callback?oauth_token=forged&oauth_verifier=x');
    expect(forged.status).toBe(400);
    for (const answer of [replay, forged]) {
      expect(answer.text).not.toMatch(/\n\s+at /);
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  it('a callback opened by another signed-in user fails with token_mismatch and connects no one', async () => {
    const starter = await signedIn(example, 'starter');
    const thief = await signedIn(example, 'thief');
    const started = await starter.post('/connections/photos/connect', { returnTo: '/' });
    const requestToken = new URL(started.headers.location).searchParams.get('oauth_token');
    const callback = new URL(example.mocks.photos.approve(requestToken));
    const stolen = await thief.agent.get(`${callback.pathname}${callback.search}`).redirects(0);
    expect(stolen.status).toBe(403);
    expect(stolen.text).toContain('data-code="token_mismatch"');
    expect(await thief.page()).toContain('id="no-connections"');
    expect(await starter.page()).toContain('id="no-connections"');
  });

  it('a provider down during a signed call is an error page (provider_unreachable or a 5xx), not a crash', async () => {
    const visitor = await signedIn(example, 'unlucky');
    await connect(example, visitor, 'photos', { userId: '1002' });
    const id = (await visitor.page()).match(/data-id="([^"]+)"/)[1];
    example.mocks.photos.setFault('echo', { dropConnection: true, times: 1 });
    const call = await visitor.post('/call', { connection: id, path: 'echo' });
    expect(call.status).toBeGreaterThanOrEqual(500);
    expect(call.text).toContain('id="error"');
    expect(call.text).not.toMatch(/\n\s+at /);
  });

  it('an oversized form is a 413 page', async () => {
    const visitor = await signedIn(example, 'big');
    const answer = await visitor.post('/call', { connection: 'x', path: 'a'.repeat(20_000) });
    expect(answer.status).toBe(413);
  });
});
