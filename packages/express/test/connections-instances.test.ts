// Two app instances, one PostgreSQL: what running the connections routes behind a load balancer must
// survive. Each instance is a real Express app with its own pg.Pool; the mock provider is shared.
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callback,
  databaseUrl,
  dropSchema,
  errorCode,
  freshSchema,
  type Instance,
  startConnect,
  startInstance,
} from './support/instances.js';

const USERS = Array.from({ length: 200 }, (_, i) => ({
  id: String(5000 + i),
  screenName: `user${i}`,
  name: `User ${i}`,
}));

const accessTokenRequests = (mock: MockProvider) =>
  mock.log.filter((entry) => entry.endpoint === 'access_token').length;

describe.skipIf(databaseUrl === undefined)('two Express instances on one PostgreSQL', () => {
  let mock: MockProvider;
  let a: Instance;
  let b: Instance;
  let schema: string;

  beforeAll(async () => {
    mock = await startMockProvider({ users: USERS });
    schema = await freshSchema(databaseUrl!);
    a = await startInstance('A', mock, databaseUrl!, schema);
    b = await startInstance('B', mock, databaseUrl!, schema);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await mock?.close();
    await dropSchema(databaseUrl!, schema);
  });

  it('connect starts on A, the callback lands on B and completes', async () => {
    const token = await startConnect(a, 'alice', 'Work');
    const response = await callback(b, 'alice', mock.approve(token, USERS[0]!.id));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/connections');
    const listed = (await (
      await fetch(`${a.url}/me/connections`, { headers: { 'x-user': 'alice' } })
    ).json()) as { name: string; label: string; status: string }[];
    expect(listed).toMatchObject([{ name: 'user0', label: 'Work', status: 'active' }]);
  });

  it('the same callback replayed concurrently to A and B completes exactly once; one access-token request', async () => {
    const token = await startConnect(a, 'bob');
    const url = mock.approve(token, USERS[1]!.id);
    const before = accessTokenRequests(mock);
    const answers = await Promise.all([
      callback(a, 'bob', url),
      callback(b, 'bob', url),
      callback(a, 'bob', url),
      callback(b, 'bob', url),
    ]);
    const statuses = answers.map((response) => response.status).sort();
    expect(statuses).toEqual([303, 400, 400, 400]);
    const codes = await Promise.all(answers.filter((r) => r.status === 400).map(errorCode));
    expect(codes).toEqual([
      'no_pending_authorization',
      'no_pending_authorization',
      'no_pending_authorization',
    ]);
    expect(accessTokenRequests(mock) - before).toBe(1);
    expect(await b.connections.list('bob')).toHaveLength(1);
  });

  it('a revoked token detected on A shows needs_reauth on B', async () => {
    const token = await startConnect(b, 'carol');
    expect((await callback(a, 'carol', mock.approve(token, USERS[2]!.id))).status).toBe(303);
    const [connection] = await b.connections.list('carol');
    const whoami = mock.log.filter((entry) => entry.endpoint === 'whoami' && entry.status === 200).at(-1)!;
    mock.revokeToken(whoami.token!);
    const test = await fetch(`${a.url}/connections/${connection!.id}/test`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:3000', 'x-user': 'carol', accept: 'application/json' },
      signal: AbortSignal.timeout(20_000),
    });
    expect(test.status).toBe(200);
    expect(((await test.json()) as { connection: { status: string } }).connection.status).toBe(
      'needs_reauth',
    );
    const onB = (await (
      await fetch(`${b.url}/connections/${connection!.id}`, { headers: { 'x-user': 'carol' } })
    ).json()) as { connection: { status: string; lastError?: { code: string } } };
    expect(onB.connection.status).toBe('needs_reauth');
    expect(onB.connection.lastError?.code).toBeDefined();
  });

  it('200 users connecting concurrently across A and B: no cross-talk, no lost rows', async () => {
    const owners = USERS.map((user, i) => ({ owner: `load-${i}`, user }));
    const results = await Promise.all(
      owners.map(async ({ owner, user }, i) => {
        const start = i % 2 === 0 ? a : b;
        const finish = i % 3 === 0 ? a : b;
        const token = await startConnect(start, owner);
        return (await callback(finish, owner, mock.approve(token, user.id))).status;
      }),
    );
    expect(results.every((status) => status === 303)).toBe(true);
    for (const [i, { owner, user }] of owners.entries()) {
      const list = await (i % 2 === 0 ? b : a).connections.list(owner);
      expect(list, owner).toHaveLength(1);
      expect(list[0]).toMatchObject({ owner, uid: user.id, name: user.screenName, status: 'active' });
    }
    const { rows } = await a.pool.query<{ count: string }>(
      "SELECT count(*) FROM oauth1a_connections WHERE owner LIKE 'load-%'",
    );
    expect(Number(rows[0]!.count)).toBe(200);
    const pending = await a.pool.query<{ count: string }>(
      "SELECT count(*) FROM oauth1a_pending WHERE owner LIKE 'load-%'",
    );
    expect(Number(pending.rows[0]!.count)).toBe(0);
  }, 120_000);

  for (const fault of [{ dropConnection: true }, { status: 500 }] as const) {
    it(`the provider ${'status' in fault ? 'answering 500' : 'dropping the connection'} on leg 3 leaves no row and a clear error`, async () => {
      const owner = `fault-${Object.keys(fault)[0]}`;
      const token = await startConnect(a, owner);
      const url = mock.approve(token, USERS[3]!.id);
      mock.setFault('access_token', { ...fault, times: 1 });
      const response = await callback(b, owner, url);
      expect(response.status).toBe(502);
      expect(await errorCode(response)).toBe(
        'status' in fault ? 'access_token_failed' : 'provider_unreachable',
      );
      expect(await a.connections.list(owner)).toEqual([]);
    });
  }
});
