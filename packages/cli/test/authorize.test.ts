import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredProfile } from '../src/profile-store.js';
import {
  AUTHORIZE_URL,
  approveInBrowser,
  authorize,
  CliProcess,
  mockAndFreshHome,
  providerFile,
  requestTokenOf,
} from './helpers.js';

const setup = mockAndFreshHome();

const baseArgs = (): string[] => [
  'authorize',
  '--provider',
  providerFile(setup.home.dir, setup.mock),
  '--consumer-key',
  setup.mock.consumer.key,
  '--consumer-secret',
  setup.mock.consumer.secret!,
  '--no-open',
];

function savedProfile(name: string): StoredProfile {
  return JSON.parse(readFileSync(join(setup.home.dir, 'oauth1a', `${name}.json`), 'utf8')) as StoredProfile;
}

describe('oauth1a authorize (loopback callback)', () => {
  it('completes when the user approves on the consent page, and saves mock-ada.json', async () => {
    const cli = new CliProcess(baseArgs(), setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    await cli.waitForStdout(/Waiting for the callback on http:\/\/127\.0\.0\.1:\d+\/callback/);
    const landing = await approveInBrowser(url!);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('Authorized');
    const result = await cli.exited;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Authorized as ada (id 1001) with Mock Provider.');
    expect(result.stdout).toMatch(/Saved profile mock-ada to .*mock-ada\.json/);

    const profile = savedProfile('mock-ada');
    expect(profile).toMatchObject({
      version: 1,
      name: 'mock-ada',
      consumer: { key: setup.mock.consumer.key, secret: setup.mock.consumer.secret },
      params: { user_id: '1001', screen_name: 'ada' },
      profile: { id: '1001', name: 'ada' },
    });
    expect(profile.provider).toEqual({ config: setup.mock.provider });
    expect(profile.token).not.toBe('');
    expect(result.stdout).not.toContain(profile.tokenSecret);
    expect(result.stdout).not.toContain(setup.mock.consumer.secret);
  });

  it('completes with setup.mock.approve() and a GET of the callback URL, under --profile-name', async () => {
    const result = await authorize(setup.mock, setup.home, ['--profile-name', 'work']);
    expect(result.code).toBe(0);
    expect(savedProfile('work').name).toBe('work');
  });

  it('saves the profile 0600 in a 0700 directory', async () => {
    await authorize(setup.mock, setup.home);
    expect(statSync(join(setup.home.dir, 'oauth1a')).mode & 0o777).toBe(0o700);
    expect(statSync(join(setup.home.dir, 'oauth1a', 'mock-ada.json')).mode & 0o777).toBe(0o600);
  });

  it('names the profile after the user who approved', async () => {
    const cli = new CliProcess(baseArgs(), setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    await approveInBrowser(url!, '1002');
    expect((await cli.exited).code).toBe(0);
    expect(savedProfile('mock-grace').params.screen_name).toBe('grace');
  });

  it('exits 1 with access_denied when the user denies', async () => {
    const cli = new CliProcess(baseArgs(), setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    const landing = await fetch(setup.mock.deny(requestTokenOf(url!)));
    expect(landing.status).toBe(400);
    const result = await cli.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^oauth1a: error: .*\(oauth1a: access_denied — see @oauth1a\/core\/errors\.md#access_denied\)$/m,
    );
    expect(result.stderr).toMatch(/^oauth1a: fix: /m);
  });

  it('ignores stray requests to the loopback server and waits for the real callback', async () => {
    const cli = new CliProcess(baseArgs(), setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    const [, callbackUrl] = await cli.waitForStdout(/on (http:\/\/127\.0\.0\.1:\d+\/callback)/);
    expect((await fetch(new URL('/favicon.ico', callbackUrl))).status).toBe(404);
    expect((await fetch(callbackUrl!)).status).toBe(404);
    await approveInBrowser(url!);
    expect((await cli.exited).code).toBe(0);
  });

  it('gives up after --timeout with authorization_expired and exit 1', async () => {
    const result = await new CliProcess([...baseArgs(), '--timeout', '1s'], setup.home.env).exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no callback arrived within 1 seconds');
    expect(result.stderr).toContain('authorization_expired');
  });
});

describe('oauth1a authorize with a templated provider file', () => {
  it('fills {templates} from --setting (defineProvider) and stores the filled config', async () => {
    const host = new URL(setup.mock.url).host;
    const definition = {
      ...setup.mock.provider,
      id: 'templated',
      requestTokenUrl: setup.mock.provider.requestTokenUrl.replace(host, '{host}'),
      authorizeUrl: setup.mock.provider.authorizeUrl.replace(host, '{host}'),
      accessTokenUrl: setup.mock.provider.accessTokenUrl.replace(host, '{host}'),
      settings: { host: { description: 'host:port of the provider' } },
    };
    const file = join(setup.home.dir, 'templated.json');
    writeFileSync(file, JSON.stringify(definition));
    const args = baseArgs();
    args[2] = file;
    const cli = new CliProcess([...args, '--setting', `host=${host}`], setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    expect(url).toContain(setup.mock.provider.authorizeUrl);
    await approveInBrowser(url!);
    const result = await cli.exited;
    expect(result.code).toBe(0);
    const saved = savedProfile('templated-ada');
    expect(saved.provider).toMatchObject({
      config: { requestTokenUrl: setup.mock.provider.requestTokenUrl },
    });
  });
});

describe('oauth1a authorize --oob (PIN flow)', () => {
  it('completes when the PIN from setup.mock.approve() is typed on stdin', async () => {
    const cli = new CliProcess([...baseArgs(), '--oob'], setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    expect(new URL(url!).searchParams.get('oauth_token')).not.toBeNull();
    const pin = new URLSearchParams(setup.mock.approve(requestTokenOf(url!)).split('?')[1]).get(
      'oauth_verifier',
    );
    cli.child.stdin.end(`${pin}\n`);
    const result = await cli.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Enter the PIN Mock Provider shows after you approve: ');
    expect(result.stdout).toContain('Authorized as ada (id 1001)');
    expect(savedProfile('mock-ada').params.screen_name).toBe('ada');
  });

  it('completes with the PIN read from the PIN page (#verifier)', async () => {
    const cli = new CliProcess([...baseArgs(), '--oob'], setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    const page = await approveInBrowser(url!);
    const pin = /<code id="verifier">([^<]+)<\/code>/.exec(await page.text())?.[1];
    expect(pin).toBeDefined();
    cli.child.stdin.end(`${pin}\n`);
    expect((await cli.exited).code).toBe(0);
  });

  it('exits 1 with access_token_failed for a wrong PIN', async () => {
    const cli = new CliProcess([...baseArgs(), '--oob'], setup.home.env);
    const [, url] = await cli.waitForStdout(AUTHORIZE_URL);
    setup.mock.approve(requestTokenOf(url!));
    cli.child.stdin.end('not-the-pin\n');
    const result = await cli.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('access_token_failed');
  });

  it('exits 1 with missing_verifier when stdin ends without a PIN', async () => {
    const cli = new CliProcess([...baseArgs(), '--oob'], setup.home.env);
    await cli.waitForStdout(AUTHORIZE_URL);
    cli.child.stdin.end();
    const result = await cli.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing_verifier');
  });
});
