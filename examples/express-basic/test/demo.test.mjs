// `npm run demo` as a test: the script is spawned as a user would run it; its exit code and the legs it
// prints are asserted.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));

describe('npm run demo', () => {
  it('runs the whole three-legged flow and exits 0', () => {
    const run = spawnSync(process.execPath, [demo], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, OAUTH1A_PROVIDER: 'trello' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const leg of [
      'Home page: not signed in',
      'Leg 1 — request token obtained',
      'Leg 2 — user sent to the provider to authorize',
      'User approved',
      'Leg 3 — callback checked against the session and the verifier exchanged for an access token',
      'Signed API call — GET /api/echo answered 200',
      'Home page: signed in as ada',
      'Signed out',
      'A login with a forged Host (evil.example) is refused before the provider is asked',
    ]) {
      expect(run.stdout).toContain(leg);
    }
  });
});
