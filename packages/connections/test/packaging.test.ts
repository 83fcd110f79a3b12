// The package as users get it: publint and arethetypeswrong on the packed tarball (core's shared
// checks), then each entry point (., ./sqlite, ./postgres) loaded both ways, import() and require().
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagingChecks } from '../../core/test/helpers/packaging.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

describe('@oauth1a/connections packaging', () => {
  packagingChecks(packageDir);

  for (const [entry, name] of [
    ['@oauth1a/connections', 'createConnections'],
    ['@oauth1a/connections/sqlite', 'sqliteStore'],
    ['@oauth1a/connections/postgres', 'postgresStore'],
  ] as const) {
    it(`${entry} loads the same API through import() and require()`, async () => {
      const esm = (await import(entry)) as Record<string, unknown>;
      const cjs = require(entry) as Record<string, unknown>;
      expect(typeof esm[name]).toBe('function');
      expect(typeof cjs[name]).toBe('function');
      expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    });
  }

  it('one OAuth1Error class with core (re-exported, not copied)', async () => {
    const connections = await import('@oauth1a/connections');
    const core = await import('@oauth1a/core');
    expect(connections.OAuth1Error).toBe(core.OAuth1Error);
  });
});
