// The example driven as a user's browser drives it (supertest agents with their cookies): sign in,
// connect several providers and several accounts of one, test, reconnect, rename, disconnect, bring
// one's own consumer key, paste a token, make a signed call; each user sees only their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueMockToken } from '../src/mock-console.mjs';
import { LEDGER_ACCOUNT_ID, OWN_CONSUMER } from '../src/providers.mjs';
import { statusOf } from '../src/views.mjs';
import {
  apiResultOf,
  approveAndReturn,
  connect,
  latestAccessToken,
  rowsOf,
  signedIn,
  startTestExample,
} from './support.mjs';

let example;

beforeAll(async () => {
  example = await startTestExample();
});

afterAll(async () => {
  await example?.close();
});

describe('sign-in', () => {
  it('shows the sign-in form until signed in, with a sealed HttpOnly SameSite=Lax cookie', async () => {
    const { default: request } = await import('supertest');
    const home = await request(example.appUrl).get('/').expect(200);
    expect(home.text).toContain('id="username"');
    const answer = await request(example.appUrl)
      .post('/signin')
      .set('origin', example.appUrl)
      .type('form')
      .send({ username: 'Ada' })
      .expect(303);
    const cookie = answer.headers['set-cookie'].join();
    expect(cookie).toMatch(/^connections_user=Fe26\.2\*/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // http on loopback; https origins get Secure
  });

  it('refuses a username it would have to escape, and answers the connections routes 401 signed out', async () => {
    const { default: request } = await import('supertest');
    const bad = await request(example.appUrl)
      .post('/signin')
      .set('origin', example.appUrl)
      .type('form')
      .send({ username: '<script>' })
      .expect(400);
    expect(bad.text).not.toContain('<script>');
    const connect = await request(example.appUrl)
      .post('/connections/tasks/connect')
      .set('origin', example.appUrl)
      .type('form')
      .send({ returnTo: '/' });
    expect(connect.status).toBe(401);
    expect(connect.text).toContain('data-code="not_authorized"');
  });

  it('signs out', async () => {
    const visitor = await signedIn(example, 'leaver');
    expect(await visitor.page()).toContain('id="sign-out"');
    await visitor.post('/signout').expect(303);
    expect(await visitor.page()).toContain('id="username"');
  });
});

describe('connections of one user', () => {
  let alice;
  const tokens = {};

  beforeAll(async () => {
    alice = await signedIn(example, 'alice');
  });

  it('connects two accounts of one provider and another provider, each named by "who am I"', async () => {
    expect(await alice.page()).toContain('id="no-connections"');
    const first = await connect(example, alice, 'tasks', {
      userId: '1001',
      fields: { label: 'Work <b>tasks</b>' },
    });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    tokens.ada = latestAccessToken(example.mocks.tasks);
    await connect(example, alice, 'tasks', { userId: '1002' });
    tokens.grace = latestAccessToken(example.mocks.tasks);
    await connect(example, alice, 'photos', { userId: '1001' });
    expect(tokens.ada).toBeTruthy();
    expect(tokens.grace).not.toBe(tokens.ada);

    const html = await alice.page();
    const rows = rowsOf(html);
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => [row.provider, row.account, row.uid, row.badge])).toEqual([
      ['Mock Photos', 'ada', '1001', 'active'],
      ['Mock Tasks', 'grace', '1002', 'active'],
      ['Mock Tasks', 'ada', '1001', 'active'],
    ]);
    // The label a user typed is escaped, never markup.
    expect(rows[2].title).toBe('Work &lt;b&gt;tasks&lt;/b&gt;');
    expect(html).not.toContain('<b>tasks</b>');
    // No token or secret on the page.
    expect(html).not.toContain(tokens.ada);
  });

  it('connecting the same account again keeps one row (same id)', async () => {
    const before = rowsOf(await alice.page());
    await connect(example, alice, 'photos', { userId: '1001' });
    const after = rowsOf(await alice.page());
    expect(after.map((row) => row.id).sort()).toEqual(before.map((row) => row.id).sort());
  });

  it('Test after a revoke at the provider shows "needs re-authorization"; Reconnect makes the same row active', async () => {
    const ada = rowsOf(await alice.page()).find(
      (row) => row.account === 'ada' && row.provider === 'Mock Tasks',
    );
    expect(example.mocks.tasks.revokeToken(tokens.ada)).toBe(true);
    const tested = await alice.post(`/connections/${ada.id}/test`, { returnTo: '/' });
    expect(tested.status).toBe(303);
    expect(tested.headers.location).toBe('/');
    let html = await alice.page();
    let row = rowsOf(html).find((candidate) => candidate.id === ada.id);
    expect(row.status).toBe('needs_reauth');
    expect(row.badge).toBe('needs re-authorization');
    expect(html).toMatch(/class="checked"><time datetime="\d{4}-/);
    // The signed call page through it is refused with a coded error page, not a stack.
    const call = await alice.post('/call', { connection: ada.id, path: 'whoami' });
    expect(call.status).toBe(409);
    expect(call.text).toContain('data-code="connection_needs_reauth"');
    expect(call.text).not.toMatch(/at .*\.m?js:\d+/);

    const reconnect = await alice.post(`/connections/${ada.id}/reconnect`, { returnTo: '/' });
    expect(reconnect.status).toBe(303);
    const back = await approveAndReturn(example, alice, 'tasks', reconnect.headers.location, '1001');
    expect(back.status).toBe(303);
    html = await alice.page();
    row = rowsOf(html).find((candidate) => candidate.id === ada.id);
    expect(row.status).toBe('active');
    expect(rowsOf(html)).toHaveLength(3);
  });

  it('Reconnect approved as another account is refused (account_mismatch) and changes nothing', async () => {
    const ada = rowsOf(await alice.page()).find(
      (row) => row.account === 'ada' && row.provider === 'Mock Tasks',
    );
    const reconnect = await alice.post(`/connections/${ada.id}/reconnect`, { returnTo: '/' });
    const back = await approveAndReturn(example, alice, 'tasks', reconnect.headers.location, '1002');
    expect(back.status).toBe(409);
    expect(back.text).toContain('data-code="account_mismatch"');
    expect(rowsOf(await alice.page())).toHaveLength(3);
  });

  it('renames, and a signed call through a chosen connection shows the JSON the provider answered', async () => {
    const grace = rowsOf(await alice.page()).find((row) => row.account === 'grace');
    await alice
      .post(`/connections/${grace.id}/rename`, { label: 'Grace "the admiral"', returnTo: '/' })
      .expect(303);
    const renamed = rowsOf(await alice.page()).find((row) => row.id === grace.id);
    expect(renamed.title).toBe('Grace &quot;the admiral&quot;');

    const call = await alice
      .post('/call', { connection: grace.id, path: 'echo?greeting=hello%20world' })
      .expect(200);
    const echo = apiResultOf(call.text);
    expect(echo.userId).toBe('1002');
    expect(echo.query).toEqual([['greeting', 'hello world']]);
    expect(call.text).toContain('id="api-status">200<');
  });

  it('refuses a signed call that leaves the provider API (origin_not_allowed), with an error page', async () => {
    const grace = rowsOf(await alice.page()).find((row) => row.account === 'grace');
    const call = await alice.post('/call', { connection: grace.id, path: 'http://evil.example/steal' });
    expect(call.status).toBe(400);
    expect(call.text).toContain('data-code="origin_not_allowed"');
    expect(call.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('disconnects (revoking the token at the provider)', async () => {
    const photos = rowsOf(await alice.page()).find((row) => row.provider === 'Mock Photos');
    const revokesBefore = example.mocks.photos.log.filter((entry) => entry.endpoint === 'revoke').length;
    await alice.post(`/connections/${photos.id}/delete`, { returnTo: '/' }).expect(303);
    expect(rowsOf(await alice.page()).map((row) => row.id)).not.toContain(photos.id);
    const revokes = example.mocks.photos.log.filter((entry) => entry.endpoint === 'revoke');
    expect(revokes.length).toBe(revokesBefore + 1);
    expect(revokes.at(-1).status).toBe(200);
  });

  it('another user sees none of them and cannot act on them', async () => {
    const bob = await signedIn(example, 'bob');
    expect(await bob.page()).toContain('id="no-connections"');
    const [aliceRow] = rowsOf(await alice.page());
    const steal = await bob.post(`/connections/${aliceRow.id}/delete`, { returnTo: '/' });
    expect(steal.status).toBe(404);
    const call = await bob.post('/call', { connection: aliceRow.id, path: 'whoami' });
    expect(call.status).toBe(404);
    expect(rowsOf(await alice.page()).map((row) => row.id)).toContain(aliceRow.id);
  });
});

describe('own consumer key and pasted tokens', () => {
  it("connects with the user's own consumer key, used on every leg and every call", async () => {
    const carol = await signedIn(example, 'carol');
    const back = await connect(example, carol, 'tasks', {
      userId: '1001',
      fields: { consumerKey: OWN_CONSUMER.key, consumerSecret: OWN_CONSUMER.secret, label: 'my app' },
    });
    expect(back.status).toBe(303);
    const own = example.mocks.tasks.log.filter((entry) => entry.consumerKey === OWN_CONSUMER.key);
    expect(own.map((entry) => entry.endpoint)).toEqual(['request_token', 'access_token', 'whoami']);
    const [row] = rowsOf(await carol.page());
    const call = await carol.post('/call', { connection: row.id, path: 'echo' }).expect(200);
    expect(apiResultOf(call.text).consumerKey).toBe(OWN_CONSUMER.key);
  });

  it('a wrong own consumer secret fails at the provider with a coded error page', async () => {
    const dave = await signedIn(example, 'dave');
    const started = await dave.post('/connections/tasks/connect', {
      consumerKey: OWN_CONSUMER.key,
      consumerSecret: 'not-the-secret',
      returnTo: '/',
    });
    expect(started.status).toBe(502);
    expect(started.text).toContain('data-code="request_token_failed"');
    expect(started.text).not.toContain('not-the-secret');
  });

  it('pastes a token issued by the NetSuite-style console, and refuses one the provider rejects', async () => {
    const erin = await signedIn(example, 'erin');
    const ledger = example.mocks.ledger;
    const provider = { ...ledger.provider, realm: LEDGER_ACCOUNT_ID.replace('-', '_') };
    const issued = await issueMockToken({
      mock: ledger,
      provider,
      consumer: ledger.consumer,
      userId: '1002',
    });
    const saved = await erin.post('/connections/ledger/import', {
      'settings.accountId': LEDGER_ACCOUNT_ID,
      token: issued.token,
      tokenSecret: issued.tokenSecret,
      label: 'Sandbox',
      returnTo: '/',
    });
    expect(saved.status, saved.text).toBe(303);
    const [row] = rowsOf(await erin.page());
    expect(row).toMatchObject({
      provider: 'Mock Ledger',
      account: 'grace',
      uid: '1002',
      status: 'active',
      title: 'Sandbox',
    });

    const rejected = await erin.post('/connections/ledger/import', {
      'settings.accountId': LEDGER_ACCOUNT_ID,
      token: issued.token,
      tokenSecret: 'wrong-secret',
      returnTo: '/',
    });
    expect(rejected.status).toBeGreaterThanOrEqual(400);
    expect(rejected.text).toContain('id="oauth1a-error"');
    expect(rejected.text).not.toContain('wrong-secret');
    expect(rowsOf(await erin.page())).toHaveLength(1);
  });

  it('connects the NetSuite-style provider with the account id the user types (its realm)', async () => {
    const hank = await signedIn(example, 'hank');
    const wrong = await hank.post('/connections/ledger/connect', {
      'settings.accountId': '7654321',
      returnTo: '/',
    });
    expect(wrong.status).toBe(502);
    expect(wrong.text).toContain('data-code="request_token_failed"');
    const back = await connect(example, hank, 'ledger', {
      userId: '1001',
      fields: { 'settings.accountId': LEDGER_ACCOUNT_ID },
    });
    expect(back.status).toBe(303);
    const [row] = rowsOf(await hank.page());
    expect(row).toMatchObject({ provider: 'Mock Ledger', account: 'ada', status: 'active' });
    const call = await hank.post('/call', { connection: row.id, path: 'echo' }).expect(200);
    expect(apiResultOf(call.text)).toMatchObject({ realm: '1234567_SB1', signatureMethod: 'HMAC-SHA256' });
  });

  it('the mock console page issues a token to paste', async () => {
    const frank = await signedIn(example, 'frank');
    const page = await frank.post('/mock-console/ledger', { userId: '1001' }).expect(200);
    const token = page.text.match(/<code id="token">([^<]+)<\/code>/)[1];
    const tokenSecret = page.text.match(/<code id="token-secret">([^<]+)<\/code>/)[1];
    await frank
      .post('/connections/ledger/import', {
        'settings.accountId': LEDGER_ACCOUNT_ID,
        token,
        tokenSecret,
        returnTo: '/',
      })
      .expect(303);
    expect(rowsOf(await frank.page())[0]).toMatchObject({
      account: 'ada',
      uid: '1001',
      provider: 'Mock Ledger',
    });
  });
});

describe('status badge', () => {
  it('reads expired when a stated expiry passed, needs re-authorization otherwise', () => {
    const past = new Date(Date.now() - 1000).toISOString();
    expect(statusOf({ status: 'active' }).text).toBe('active');
    expect(statusOf({ status: 'needs_reauth', expiresAt: past }).text).toBe('expired');
    expect(statusOf({ status: 'needs_reauth' }).text).toBe('needs re-authorization');
    const expiredAtProvider = {
      code: 'profile_failed',
      message: 'the provider answered 401: "oauth_problem=token_expired"',
    };
    expect(statusOf({ status: 'needs_reauth', lastError: expiredAtProvider }).text).toBe('expired');
  });

  it('a token the provider expires reads "expired" after Test', async () => {
    const gina = await signedIn(example, 'gina');
    await connect(example, gina, 'photos', { userId: '1002' });
    const token = latestAccessToken(example.mocks.photos);
    const [row] = rowsOf(await gina.page());
    expect(example.mocks.photos.expireToken(token)).toBe(true);
    await gina.post(`/connections/${row.id}/test`, { returnTo: '/' }).expect(303);
    const [after] = rowsOf(await gina.page());
    expect(after).toMatchObject({ id: row.id, status: 'expired', badge: 'expired' });
  });
});

describe('a real provider by environment', () => {
  it('offers the preset OAUTH1A_PROVIDER names, with own-key and paste-a-token forms, and no mock', async () => {
    const real = await startTestExample({
      OAUTH1A_PROVIDER: 'trello',
      OAUTH1A_CONSUMER_KEY: 'trello-key',
      OAUTH1A_CONSUMER_SECRET: 'trello-secret',
      OAUTH1A_SETTING_APP_NAME: 'Connections demo',
    });
    try {
      expect(real.providers).toEqual(['Trello']);
      expect(real.mocks).toEqual({});
      const html = await (await signedIn(real, 'ada')).page();
      expect(html).toContain('action="/connections/trello/connect" class="connect"');
      expect(html).toContain('action="/connections/trello/connect" class="own-consumer"');
      expect(html).toContain('action="/connections/trello/import"');
      expect(html).not.toContain('mock-console');
      expect(html).not.toContain('trello-secret');
    } finally {
      await real.close();
    }
  });
});
