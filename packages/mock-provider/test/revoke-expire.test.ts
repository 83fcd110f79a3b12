// Revoking and expiring access tokens: what stored connections need to see a provider turn a token down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockProvider, startMockProvider } from '../src/index.js';
import { login, readParams, signedFetch } from './helpers.js';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());

const whoami = (token: { token: string; secret: string }) =>
  signedFetch({ method: 'GET', url: mock.endpoints.whoami, consumer: mock.consumer, token });

describe('revoking and expiring access tokens', () => {
  it('revokeToken(): later calls get 401 token_rejected; unknown tokens are refused', async () => {
    const { token } = await login(mock);
    expect((await whoami(token)).status).toBe(200);
    expect(mock.revokeToken(token.token)).toBe(true);
    const response = await whoami(token);
    expect(response.status).toBe(401);
    expect((await readParams(response)).oauth_problem).toBe('token_rejected');
    expect(mock.revokeToken(token.token)).toBe(false);
    expect(mock.revokeToken('at_unknown')).toBe(false);
  });

  it('expireToken(): later calls get 401 token_expired', async () => {
    const { token } = await login(mock);
    expect(mock.expireToken(token.token)).toBe(true);
    const response = await whoami(token);
    expect(response.status).toBe(401);
    expect((await readParams(response)).oauth_problem).toBe('token_expired');
    expect(mock.expireToken('at_unknown')).toBe(false);
  });

  it('POST /oauth/revoke, signed with the token, invalidates it; GET is refused', async () => {
    const { token } = await login(mock);
    expect(mock.provider.revoke).toEqual({ url: mock.endpoints.revoke });
    const get = await signedFetch({
      method: 'GET',
      url: mock.endpoints.revoke,
      consumer: mock.consumer,
      token,
    });
    expect(get.status).toBe(405);
    const revoked = await signedFetch({
      method: 'POST',
      url: mock.endpoints.revoke,
      consumer: mock.consumer,
      token,
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ revoked: true });
    expect((await whoami(token)).status).toBe(401);
    const again = await signedFetch({
      method: 'POST',
      url: mock.endpoints.revoke,
      consumer: mock.consumer,
      token,
    });
    expect(again.status).toBe(401);
  });

  it('with session handles, its config says where the expiry comes from', async () => {
    const handles = await startMockProvider({ sessionHandles: true });
    expect(handles.provider.expiry).toEqual({ field: 'oauth_expires_in', format: 'seconds' });
    expect(mock.provider.expiry).toBeUndefined();
    await handles.close();
  });

  it('approves as the second user on request (two accounts of one provider)', async () => {
    const grace = await login(mock, { userId: '1002' });
    expect(grace.params.user_id).toBe('1002');
    expect(await (await whoami(grace.token)).json()).toMatchObject({ id: '1002', screen_name: 'grace' });
  });
});
