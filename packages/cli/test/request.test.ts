import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredProfile } from '../src/profile-store.js';
import { authorize, type CliResult, runCli, tempHome } from './helpers.js';

let mock: MockProvider;
let home: ReturnType<typeof tempHome>;
let profile: StoredProfile;

beforeAll(async () => {
  mock = await startMockProvider();
  home = tempHome();
  const result = await authorize(mock, home);
  expect(result.code).toBe(0);
  profile = JSON.parse(readFileSync(join(home.dir, 'oauth1a', 'mock-ada.json'), 'utf8')) as StoredProfile;
});
afterAll(async () => {
  await mock.close();
  home.cleanup();
});

const request = (...args: string[]): Promise<CliResult> => runCli(['request', ...args], home.env);

interface Echo {
  method: string;
  query: Array<[string, string]>;
  form: Array<[string, string]>;
  transport: string;
  userId: string;
  consumerKey: string;
}

describe('oauth1a request', () => {
  it('reaches /api/echo with the query, the form and unicode intact', async () => {
    const url = `${mock.endpoints.echo}?q=${encodeURIComponent('héllo wörld')}&plus=a+b&dup=1&dup=2`;
    const result = await request(
      '-X',
      'POST',
      '-d',
      'name=Ada Lovelacé',
      '-d',
      'emoji=🎉 & =',
      '-d',
      'dup=3',
      url,
    );
    expect(result.stderr).toBe('HTTP 200 OK\n');
    expect(result.code).toBe(0);
    const echo = JSON.parse(result.stdout) as Echo;
    expect(echo.method).toBe('POST');
    expect(echo.query).toEqual([
      ['q', 'héllo wörld'],
      ['plus', 'a b'],
      ['dup', '1'],
      ['dup', '2'],
    ]);
    expect(echo.form).toEqual([
      ['name', 'Ada Lovelacé'],
      ['emoji', '🎉 & ='],
      ['dup', '3'],
    ]);
    expect(echo.userId).toBe('1001');
    expect(echo.consumerKey).toBe(mock.consumer.key);
    // Pretty-printed JSON.
    expect(result.stdout).toMatch(/^\{\n {2}"method": "POST",/);
  });

  it('uses POST when -d is given, GET otherwise, and the stored profile by default', async () => {
    const get = JSON.parse((await request(mock.endpoints.echo)).stdout) as Echo;
    expect(get.method).toBe('GET');
    const post = JSON.parse((await request('-d', 'a=1', mock.endpoints.echo)).stdout) as Echo;
    expect(post.method).toBe('POST');
  });

  it.each(['header', 'query', 'body'] as const)('signs over the %s transport', async (transport) => {
    const result = await request(
      '-X',
      'POST',
      '-d',
      'x=1',
      '--transport',
      transport,
      '--profile',
      'mock-ada',
      mock.endpoints.echo,
    );
    expect(result.code).toBe(0);
    const echo = JSON.parse(result.stdout) as Echo;
    expect(echo.transport).toBe(transport);
    expect(echo.form).toEqual([['x', '1']]);
  });

  it('sends -H headers', async () => {
    const result = await request(
      '-v',
      '-H',
      'Accept: application/json',
      '-H',
      'X-Trace: t1',
      mock.endpoints.echo,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^> accept: application\/json$/m);
    expect(result.stderr).toMatch(/^> x-trace: t1$/m);
  });

  it('exits 1 on a non-2xx answer and still prints it', async () => {
    const result = await request(`${mock.url}/api/whoami`, '-X', 'POST');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^HTTP 405 /);
  });

  it('exits 1 with the 401 when the stored token secret is wrong', async () => {
    const tampered = {
      ...profile,
      name: 'tampered',
      tokenSecret: 'not-the-token-secret',
      authorizedAt: '2000-01-01T00:00:00.000Z',
    };
    writeFileSync(join(home.dir, 'oauth1a', 'tampered.json'), JSON.stringify(tampered), { mode: 0o600 });
    const result = await request('--profile', 'tampered', mock.endpoints.echo);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('HTTP 401 Unauthorized\n');
    expect(result.stdout).toContain('signature_invalid');
    expect(result.stdout).not.toContain('not-the-token-secret');
  });

  it('-v shows the base string and the signed headers, never a secret', async () => {
    const result = await request('-v', '-d', 'k=v', `${mock.endpoints.echo}?q=1`);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('* signing with profile mock-ada');
    expect(result.stderr).toMatch(
      /^\* base string: POST&http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fapi%2Fecho&k%3Dv%26oauth_consumer_key%3D/m,
    );
    expect(result.stderr).toMatch(/^> authorization: OAuth .*oauth_signature="/m);
    expect(result.stderr).toMatch(/^< 200 OK$/m);
    for (const secret of [profile.tokenSecret, profile.consumer.secret!]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
      expect(result.stderr).not.toContain(encodeURIComponent(secret));
    }
  });

  it('masks the secrets even when the response body echoes them', async () => {
    // The echo sends the query back: a secret that reaches a body never reaches the terminal.
    const result = await runCli(
      [
        'request',
        '-v',
        '--transport',
        'query',
        `${mock.endpoints.echo}?echo=${encodeURIComponent(profile.tokenSecret)}`,
      ],
      home.env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(profile.tokenSecret);
    expect(result.stderr).not.toContain(profile.tokenSecret);
    expect(result.stdout).toContain('***');
  });
});
