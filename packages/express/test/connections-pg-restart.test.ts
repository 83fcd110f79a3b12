// PostgreSQL restarted while connects are in flight, on a throwaway cluster of this file's own (so the
// restart never disturbs other packages' tests sharing DATABASE_URL): every request completes or fails
// with a coded error page, never hangs; no connection is half-written; both instances serve new
// connects within seconds, without being restarted (their pools reconnect; their `error` events are
// handled).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type MockProvider, startMockProvider } from '@oauth1a/mock-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callback, errorCode, type Instance, startConnect, startInstance } from './support/instances.js';

const script = fileURLToPath(new URL('../../../scripts/with-postgres.sh', import.meta.url));
const postgresInstalled =
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((version) =>
    existsSync(`/usr/lib/postgresql/${version}/bin/initdb`),
  );
if (!postgresInstalled) {
  if (process.env.CI === 'true') {
    throw new Error('PostgreSQL is not installed: CI installs Debian’s postgresql for the restart test');
  }
  console.warn(
    'SKIPPED the PostgreSQL restart test: PostgreSQL is not installed (apt-get install postgresql)',
  );
}

const USERS = Array.from({ length: 40 }, (_, i) => ({
  id: String(7000 + i),
  screenName: `r${i}`,
  name: `R ${i}`,
}));

describe.skipIf(!postgresInstalled)('PostgreSQL restarted under two instances', () => {
  let mock: MockProvider;
  let a: Instance;
  let b: Instance;
  let env: Record<string, string> = {};

  beforeAll(async () => {
    const exports = execFileSync(script, ['start'], { encoding: 'utf8' });
    env = Object.fromEntries([...exports.matchAll(/export (\w+)='([^']*)'/g)].map((m) => [m[1]!, m[2]!]));
    mock = await startMockProvider({ users: USERS });
    a = await startInstance('A', mock, env.DATABASE_URL!, 'public');
    b = await startInstance('B', mock, env.DATABASE_URL!, 'public');
    await a.connections.list('warm-up'); // migrates once
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await mock?.close();
    if (env.OAUTH1A_PG_DIR) execFileSync(script, ['stop', env.OAUTH1A_PG_DIR]);
  });

  it('in-flight connects complete or fail with a code; none half-written; new connects work within seconds', async () => {
    // Twenty users approved at the provider, their callbacks slowed on leg 3 so the restart hits them.
    const started = await Promise.all(
      USERS.slice(0, 20).map(async (user, i) => {
        const owner = `restart-${i}`;
        const token = await startConnect(i % 2 === 0 ? a : b, owner);
        return { owner, url: mock.approve(token, user.id), instance: i % 2 === 0 ? b : a };
      }),
    );
    mock.setFault('access_token', { latencyMs: 300, times: 20 });
    const inFlight = [
      ...started.map(({ owner, url, instance }) => callback(instance, owner, url)),
      // And new connects arriving during the restart.
      ...USERS.slice(20, 30).map((_, i) =>
        fetch(`${(i % 2 === 0 ? a : b).url}/connections/mock/connect`, {
          method: 'POST',
          redirect: 'manual',
          headers: { origin: 'http://127.0.0.1:3000', 'x-user': `during-${i}` },
          signal: AbortSignal.timeout(20_000),
        }),
      ),
    ];
    await new Promise((resolve) => setTimeout(resolve, 150));
    await promisify(execFile)(script, ['restart', env.OAUTH1A_PG_DIR!]);
    // AbortSignal.timeout turns a hang into a rejection, which fails here.
    const answers = await Promise.all(inFlight);
    const outcomes = await Promise.all(
      answers.map(async (response) =>
        response.status === 303 ? 'ok' : `${response.status} ${(await errorCode(response)) ?? 'NO CODE'}`,
      ),
    );
    for (const outcome of outcomes) expect(outcome).toMatch(/^(ok|[45]\d\d [a-z_]+)$/);
    expect(outcomes.join()).not.toContain('NO CODE');

    // Each completed callback is one whole row (its secrets open); each failed one left nothing.
    const ok = started.filter((_, i) => outcomes[i] === 'ok');
    for (const { owner } of started) {
      const list = await retry(() => a.connections.list(owner));
      if (ok.some((entry) => entry.owner === owner)) {
        expect(list, owner).toHaveLength(1);
        await expect(a.connections.fetch(owner, list[0]!.id)).resolves.toBeTypeOf('function');
      } else {
        expect(list, owner).toEqual([]);
      }
    }

    // Both instances, never restarted, serve whole new connects within seconds.
    const since = Date.now();
    for (const instance of [a, b]) {
      const owner = `after-${instance.name}`;
      const status = await retry(async () => {
        const token = await startConnect(instance, owner);
        return (await callback(instance, owner, mock.approve(token, USERS[35]!.id))).status;
      });
      expect(status).toBe(303);
    }
    expect(Date.now() - since).toBeLessThan(10_000);
  }, 90_000);
});

/** Tries again for up to 10 s: the server may still be starting when the first attempt runs. */
async function retry<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
