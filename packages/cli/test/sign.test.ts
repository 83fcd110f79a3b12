import { readFileSync } from 'node:fs';
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
  expect((await authorize(mock, home)).code).toBe(0);
  profile = JSON.parse(readFileSync(join(home.dir, 'oauth1a', 'mock-ada.json'), 'utf8')) as StoredProfile;
});
afterAll(async () => {
  await mock.close();
  home.cleanup();
});

const sign = (...args: string[]): Promise<CliResult> => runCli(['sign', ...args], home.env);

/** Splits a printed curl command back into words (single-quoted or bare). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)) {
    words.push(match[1] === undefined ? match[2]! : match[1].replace(/'\\''/g, "'"));
  }
  return words;
}

describe('oauth1a sign', () => {
  it('prints an Authorization header that the provider accepts', async () => {
    const url = `${mock.endpoints.echo}?q=${encodeURIComponent('ünïcode')}`;
    const result = await sign(url);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Authorization: OAuth oauth_consumer_key="[^"]+", .*oauth_signature="[^"]+"/,
    );
    const header = result.stdout.trim().slice('Authorization: '.length);
    const response = await fetch(url, { headers: { authorization: header } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { query: unknown }).query).toEqual([['q', 'ünïcode']]);
  });

  it('--format curl prints a command whose parts verify (POST with a form body)', async () => {
    const result = await sign('--format', 'curl', '-X', 'POST', '-d', "note=it's done", mock.endpoints.echo);
    expect(result.code).toBe(0);
    const words = shellWords(result.stdout.trim());
    expect(words.slice(0, 4)).toEqual(['curl', '-s', '-X', 'POST']); // -s: no progress meter (issue 12)
    const headers = new Headers();
    for (let i = 0; i < words.length; i++) {
      if (words[i] === '-H') {
        const [name, ...value] = words[i + 1]!.split(': ');
        headers.set(name!, value.join(': '));
      }
    }
    const body = words[words.indexOf('--data-raw') + 1]!;
    const response = await fetch(words.at(-1)!, { method: 'POST', headers, body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { form: unknown }).form).toEqual([['note', "it's done"]]);
  });

  it('--transport query prints a signed URL', async () => {
    const result = await sign('--transport', 'query', `${mock.endpoints.echo}?a=1`);
    expect(result.code).toBe(0);
    const response = await fetch(result.stdout.trim());
    expect(response.status).toBe(200);
  });

  it('signs with --consumer-key/--consumer-secret/--token/--token-secret instead of a profile', async () => {
    const other = tempHome();
    try {
      const result = await runCli(
        [
          'sign',
          '--consumer-key',
          profile.consumer.key,
          '--consumer-secret',
          profile.consumer.secret!,
          '--token',
          profile.token,
          '--token-secret',
          profile.tokenSecret,
          mock.endpoints.echo,
        ],
        other.env,
      );
      expect(result.code).toBe(0);
      const header = result.stdout.trim().slice('Authorization: '.length);
      expect((await fetch(mock.endpoints.echo, { headers: { authorization: header } })).status).toBe(200);
      expect(result.stdout).not.toContain(profile.tokenSecret);
    } finally {
      other.cleanup();
    }
  });

  it('-v prints the base string on stderr and no secret anywhere', async () => {
    const result = await sign('-v', '--format', 'curl', '-d', 'a=b', mock.endpoints.echo);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^\* base string: POST&http%3A%2F%2F127\.0\.0\.1/m);
    for (const secret of [profile.tokenSecret, profile.consumer.secret!]) {
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });
});
