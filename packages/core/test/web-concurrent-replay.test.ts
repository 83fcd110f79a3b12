// Issue 11, finding 10: replays of one callback started in the same tick, all carrying the same pending
// cookie, must send one access-token request. The request token is marked consumed before the handler's
// first await after reading the cookie, so no second replay can pass the single-use check meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuth1Handler } from '../src/index.js';
import { type MockProvider, startMockProvider } from './support/mock-provider.js';

const PASSWORD = 'a-test-password-that-is-at-least-32-chars';
const APP = 'http://127.0.0.1:3000';

describe('concurrent callback replays (attack)', () => {
  let mock: MockProvider;
  beforeAll(async () => {
    mock = await startMockProvider();
  });
  afterAll(() => mock.close());

  it('8 replays in one tick with the same cookie: one access-token request, one sign-in', async () => {
    const handler = createOAuth1Handler({
      provider: mock.provider,
      consumer: mock.consumer,
      session: { password: PASSWORD },
    });
    const login = await handler.handle(new Request(`${APP}/auth/mock/login`));
    const cookie = (login?.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const requestToken = new URL(login?.headers.get('location') ?? '').searchParams.get('oauth_token') ?? '';
    const callback = new URL(mock.approve(requestToken, '1001'));
    const before = mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        handler.handle(
          new Request(`${APP}${callback.pathname}${callback.search}`, {
            headers: { cookie, accept: 'application/json' },
          }),
        ),
      ),
    );
    const after = mock.log.filter((entry) => entry.endpoint === 'access_token').length;
    expect(after - before).toBe(1);
    expect(answers.map((answer) => answer?.status).sort()).toEqual([302, 400, 400, 400, 400, 400, 400, 400]);
  });
});
