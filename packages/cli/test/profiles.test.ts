import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize, runCli, tempHome } from './helpers.js';

let mock: MockProvider;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  mock = await startMockProvider();
  home = tempHome();
  expect((await authorize(mock, home)).code).toBe(0);
  expect((await authorize(mock, home, ['--profile-name', 'second'])).code).toBe(0);
});
afterAll(async () => {
  await mock.close();
  home.cleanup();
});

describe('oauth1a profiles and logout', () => {
  it('lists the profiles, most recent first, with provider, identity and date', async () => {
    const result = await runCli(['profiles'], home.env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+PROVIDER\s+IDENTITY\s+AUTHORIZED$/);
    expect(lines[1]).toMatch(/^second\s+mock\s+ada \(1001\)\s+\d{4}-\d\d-\d\dT/);
    expect(lines[2]).toMatch(/^mock-ada\s+mock\s+ada \(1001\)/);
    const json = JSON.parse((await runCli(['profiles', '--json'], home.env)).stdout) as Array<{
      name: string;
    }>;
    expect(json.map((row) => row.name)).toEqual(['second', 'mock-ada']);
    expect(JSON.stringify(json)).not.toMatch(/secret/i);
  });

  it('request uses the most recently authorized profile by default', async () => {
    const result = await runCli(['request', '-v', mock.endpoints.echo], home.env);
    expect(result.stderr).toContain('* signing with profile second');
  });

  it('logout deletes one profile; a second logout is a usage error', async () => {
    const result = await runCli(['logout', 'second'], home.env);
    expect(result).toMatchObject({ code: 0, stdout: 'Deleted profile second.\n' });
    expect(readdirSync(join(home.dir, 'oauth1a'))).toEqual(['mock-ada.json']);
    const again = await runCli(['logout', 'second'], home.env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no profile named "second"');
  });

  it('says where profiles live when there are none', async () => {
    const empty = tempHome();
    try {
      const result = await runCli(['profiles'], empty.env);
      expect(result).toMatchObject({ code: 0, stdout: '' });
      expect(result.stderr).toContain(join(empty.dir, 'oauth1a'));
    } finally {
      empty.cleanup();
    }
  });
});

describe('--help', () => {
  it.each(['authorize', 'request', 'sign', 'profiles', 'logout'])(
    'oauth1a %s --help prints its usage and exits 0',
    async (command) => {
      const result = await runCli([command, '--help'], home.env);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: oauth1a ${command}`));
    },
  );

  it('the top level lists every command and the exit codes; no command at all is a usage error', async () => {
    const help = await runCli(['--help'], home.env);
    expect(help.code).toBe(0);
    for (const command of ['authorize', 'request', 'sign', 'profiles', 'logout'])
      expect(help.stdout).toContain(`  ${command}`);
    expect(help.stdout).toContain('Exit codes: 0 ok, 1');
    expect((await runCli([], home.env)).code).toBe(2);
    expect((await runCli(['help', 'sign'], home.env)).stdout).toMatch(/^Usage: oauth1a sign/);
  });
});
