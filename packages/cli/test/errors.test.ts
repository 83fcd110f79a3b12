import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, mockAndFreshHome, providerFile, runCli } from './helpers.js';

const setup = mockAndFreshHome();

/** The error line and the fix line, and nothing else on stderr. */
function expectOneError(result: CliResult, exitCode: number, error: RegExp, fix?: RegExp): void {
  expect(result.code).toBe(exitCode);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^oauth1a: error: /);
  expect(lines[0]).toMatch(error);
  expect(lines.slice(1).every((line) => line.startsWith('oauth1a: fix: '))).toBe(true);
  expect(lines.length).toBeLessThanOrEqual(2);
  if (fix !== undefined) expect(lines[1]).toMatch(fix);
}

const authorize = (...args: string[]): Promise<CliResult> =>
  runCli(['authorize', '--no-open', '--timeout', '5s', ...args], setup.home.env);

describe('bad input: one error line, one fix line, the documented exit code', () => {
  it('an unknown preset: exit 2', async () => {
    const result = await authorize(
      '--provider',
      'no-such-provider',
      '--consumer-key',
      'k',
      '--consumer-secret',
      's',
    );
    expectOneError(
      result,
      2,
      /unknown provider preset "no-such-provider"/,
      /use one of .*trello.*netsuite|netsuite.*trello/,
    );
  });

  it('a preset with a missing or unknown setting, or a two-legged preset: exit 2', async () => {
    const creds = ['--consumer-key', 'k', '--consumer-secret', 's'];
    expectOneError(
      await authorize('--provider', 'netsuite', ...creds),
      2,
      /NetSuite needs --setting accountId=\.\.\./,
      /accountId: /,
    );
    expectOneError(
      await authorize(
        '--provider',
        'netsuite',
        '--setting',
        'accountId=1',
        '--setting',
        'colour=blue',
        ...creds,
      ),
      2,
      /NetSuite has no setting "colour"/,
    );
    expectOneError(await authorize('--provider', 'woocommerce', ...creds), 2, /two-legged/, /oauth1a sign/);
    // A known preset gets as far as the consumer credentials.
    expectOneError(
      await authorize('--provider', 'trello', '--setting', 'appName=cli test'),
      2,
      /--consumer-key is required/,
    );
  });

  it('a missing provider file or invalid provider JSON: exit 2', async () => {
    expectOneError(
      await authorize('--provider', './missing.json', '--consumer-key', 'k', '--consumer-secret', 's'),
      2,
      /cannot read provider file \.\/missing\.json \(ENOENT\)/,
    );
    const bad = join(setup.home.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'x', name: 'X', requestTokenUrl: 'ftp://nope' }));
    expectOneError(
      await authorize('--provider', bad, '--consumer-key', 'k', '--consumer-secret', 's'),
      2,
      /provider "x" is invalid: requestTokenUrl must be an absolute http\(s\) URL.*invalid_config/,
    );
  });

  it('a missing --provider, --consumer-key or --consumer-secret: exit 2', async () => {
    expectOneError(await authorize('--consumer-key', 'k'), 2, /--provider is required/);
    const file = providerFile(setup.home.dir, setup.mock);
    expectOneError(
      await authorize('--provider', file, '--consumer-secret', 's'),
      2,
      /--consumer-key is required/,
      /OAUTH1A_CONSUMER_KEY/,
    );
    expectOneError(
      await authorize('--provider', file, '--consumer-key', 'k'),
      2,
      /--consumer-secret is required/,
    );
  });

  it('an unreadable PEM: exit 2', async () => {
    const result = await authorize(
      '--provider',
      providerFile(setup.home.dir, setup.mock),
      '--consumer-key',
      'k',
      '--private-key',
      join(setup.home.dir, 'nope.pem'),
    );
    expectOneError(result, 2, /cannot read --private-key .*nope\.pem \(ENOENT\)/, /readable PEM/);
  });

  it('a PEM that is no private key: exit 2 with invalid_config', async () => {
    const pem = join(setup.home.dir, 'garbage.pem');
    writeFileSync(pem, 'not a key');
    const rsa = { ...setup.mock.provider, signatureMethod: 'RSA-SHA1' };
    const file = join(setup.home.dir, 'rsa.json');
    writeFileSync(file, JSON.stringify(rsa));
    const result = await authorize('--provider', file, '--consumer-key', 'k', '--private-key', pem);
    expectOneError(result, 2, /not a valid PEM private key.*invalid_config/);
    expect(result.stderr).not.toContain('not a key');
  });

  it('a wrong consumer secret (the provider answers 401): exit 1, the secret never printed', async () => {
    const wrong = 'definitely-the-wrong-secret';
    const result = await authorize(
      '--provider',
      providerFile(setup.home.dir, setup.mock),
      '--consumer-key',
      setup.mock.consumer.key,
      '--consumer-secret',
      wrong,
    );
    expectOneError(result, 1, /request_token_failed/, /check --consumer-secret/);
    expect(result.stderr).toContain('401');
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });

  it('an unknown consumer key: exit 1 with a fix naming --consumer-key', async () => {
    const result = await authorize(
      '--provider',
      providerFile(setup.home.dir, setup.mock),
      '--consumer-key',
      'unknown-key',
      '--consumer-secret',
      'whatever',
    );
    expectOneError(result, 1, /request_token_failed/, /--consumer-key/);
  });

  it('an unreachable provider: exit 1 with provider_unreachable', async () => {
    const file = join(setup.home.dir, 'down.json');
    writeFileSync(
      file,
      JSON.stringify({ ...setup.mock.provider, requestTokenUrl: 'http://127.0.0.1:1/oauth/request_token' }),
    );
    const result = await authorize('--provider', file, '--consumer-key', 'k', '--consumer-secret', 's');
    expectOneError(result, 1, /provider_unreachable/);
  });

  it('unknown options, commands and bad values: exit 2', async () => {
    expectOneError(
      await runCli(['authorize', '--bogus'], setup.home.env),
      2,
      /Unknown option '--bogus'/,
      /authorize --help/,
    );
    expectOneError(await runCli(['frobnicate'], setup.home.env), 2, /unknown command "frobnicate"/);
    expectOneError(await runCli(['request', 'not a url'], setup.home.env), 2, /is not an absolute URL/);
    expectOneError(
      await runCli(['request', '-d', 'novalue', 'http://127.0.0.1/'], setup.home.env),
      2,
      /-d expects key=value/,
    );
    expectOneError(
      await runCli(['sign', '--transport', 'carrier-pigeon', 'http://127.0.0.1/'], setup.home.env),
      2,
      /--transport must be/,
    );
    expectOneError(
      await runCli(['authorize', '--profile-name', '../evil', '--provider', 'x'], setup.home.env),
      2,
      /invalid profile name/,
    );
    expectOneError(
      await authorize('--provider', providerFile(setup.home.dir, setup.mock), '--timeout', 'soon'),
      2,
      /--timeout expects/,
    );
  });

  it('request or sign without any stored profile: exit 2', async () => {
    expectOneError(
      await runCli(['request', setup.mock.endpoints.echo], setup.home.env),
      2,
      /no stored profile yet/,
      /oauth1a authorize/,
    );
    expectOneError(
      await runCli(['sign', '--profile', 'ghost', setup.mock.endpoints.echo], setup.home.env),
      2,
      /no profile named "ghost"/,
    );
  });
});
