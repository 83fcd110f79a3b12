// "Who am I" against a real mock provider: the mapping by JSON path, and profile_failed for each fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessCredentials,
  createOAuth1Flow,
  IDLE,
  type ProviderConfig,
  readJsonPath,
} from '../src/index.js';
import {
  callbackQuery,
  expectNoLeftovers,
  resourceBaseline,
  SecretAudit,
  startServer,
  type TestServer,
} from './support/harness.js';
import { type MockProvider, startMockProvider } from './support/mock-provider.js';

const audit = new SecretAudit();
const baseline = resourceBaseline();
let mock: MockProvider;
let credentials: AccessCredentials;
let custom: TestServer;
let customBody = '{}';

beforeAll(async () => {
  mock = await startMockProvider();
  audit.secret(mock.consumer.secret);
  custom = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(customBody);
  });
  // Log in without a profile mapping, so that the profile call is tested on its own.
  const { profile: _profile, ...provider } = mock.provider;
  const flow = createOAuth1Flow({ provider, consumer: mock.consumer });
  const begun = await flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' });
  audit.secret(begun.pending.requestTokenSecret);
  const done = await flow.complete(
    begun.state,
    callbackQuery(mock.approve(begun.pending.requestToken, '1002')),
  );
  expect(done.credentials.profile).toBeUndefined();
  expect(done.rawProfile).toBeUndefined();
  credentials = done.credentials;
  audit.secret(credentials.tokenSecret);
});

afterAll(async () => {
  await mock.close();
  await custom.close();
  audit.assertNoLeaks();
  await expectNoLeftovers(baseline);
});

const flowWith = (profile: ProviderConfig['profile'], timeoutMs?: number) =>
  createOAuth1Flow({
    provider: { ...mock.provider, ...(profile === undefined ? {} : { profile }) },
    consumer: mock.consumer,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });

describe('fetchProfile', () => {
  it('maps id and name by JSON path', async () => {
    const { profile, raw } = await flowWith(mock.provider.profile).fetchProfile(credentials);
    expect(profile).toEqual({ id: '1002', name: 'grace' });
    expect(raw).toEqual({ id: '1002', screen_name: 'grace', name: 'Grace Hopper' });
    const named = await flowWith({ url: mock.endpoints.whoami, id: 'id', name: 'name' }).fetchProfile(
      credentials,
    );
    expect(named.profile).toEqual({ id: '1002', name: 'Grace Hopper' });
  });

  it('follows nested paths and array indexes, and numeric ids', async () => {
    customBody = JSON.stringify({ data: { users: [{ id: 42, profile: { display: 'Ada' } }] } });
    const { profile } = await flowWith({
      url: `${custom.url}/me`,
      id: 'data.users.0.id',
      name: 'data.users.0.profile.display',
    }).fetchProfile(credentials);
    expect(profile).toEqual({ id: '42', name: 'Ada' });
    expect(readJsonPath({ a: [{ b: 1 }] }, 'a.0.b')).toBe(1);
    expect(readJsonPath({ a: 1 }, 'a.b.c')).toBeUndefined();
  });

  it('a name missing at its path is left out, not an error', async () => {
    const { profile } = await flowWith({
      url: mock.endpoints.whoami,
      id: 'id',
      name: 'nickname',
    }).fetchProfile(credentials);
    expect(profile).toEqual({ id: '1002' });
  });

  it('profile_failed when the id is not at its path', async () => {
    const error = await audit.rejects(
      flowWith({ url: mock.endpoints.whoami, id: 'user.id' }).fetchProfile(credentials),
      'profile_failed',
    );
    expect(error.message).toContain('"user.id"');
    customBody = JSON.stringify({ id: '' });
    await audit.rejects(
      flowWith({ url: `${custom.url}/me`, id: 'id' }).fetchProfile(credentials),
      'profile_failed',
    );
  });

  it('profile_failed when the provider refuses the token (401 with its problem)', async () => {
    const error = await audit.rejects(
      flowWith(mock.provider.profile).fetchProfile({
        token: credentials.token,
        tokenSecret: 'wrong-token-secret',
      }),
      'profile_failed',
    );
    expect(error.provider?.status).toBe(401);
    expect(error.problem).toBe('signature_invalid');
  });

  it('each fault on the whoami endpoint yields profile_failed', async () => {
    const faults = [{ status: 500 }, { malformedBody: true }, { dropConnection: true }, { latencyMs: 1500 }];
    for (const fault of faults) {
      mock.setFault('whoami', { ...fault, times: 1 });
      const error = await audit.rejects(
        flowWith(mock.provider.profile, 100).fetchProfile(credentials),
        'profile_failed',
      );
      if (fault.latencyMs !== undefined) expect(error.cause).toMatchObject({ code: 'provider_timeout' });
      if (fault.dropConnection) expect(error.cause).toMatchObject({ code: 'provider_unreachable' });
    }
  });

  it('profile_failed during complete() when whoami fails after the access token', async () => {
    const flow = flowWith(mock.provider.profile);
    const begun = await flow.begin(IDLE, { callbackUrl: 'http://app.test/cb' });
    audit.secret(begun.pending.requestTokenSecret);
    mock.setFault('whoami', { status: 503, times: 1 });
    await audit.rejects(
      flow.complete(begun.state, callbackQuery(mock.approve(begun.pending.requestToken))),
      'profile_failed',
    );
  });

  it('invalid_config without a profile mapping', async () => {
    const { profile: _profile, ...provider } = mock.provider;
    const flow = createOAuth1Flow({ provider, consumer: mock.consumer });
    await audit.rejects(flow.fetchProfile(credentials), 'invalid_config');
  });
});
