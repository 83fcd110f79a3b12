// Layer (g) of the test plan: the package as users get it. publint and arethetypeswrong on the packed
// tarball (core's shared checks), then the build loaded both ways, ESM import() and CommonJS require().
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagingChecks } from '../../core/test/helpers/packaging.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

describe('@oauth1a/cli packaging', () => {
  packagingChecks(packageDir);

  it('loads the same API through import() and require()', async () => {
    const esm = (await import('@oauth1a/cli')) as Record<string, unknown>;
    const cjs = require('@oauth1a/cli') as Record<string, unknown>;
    expect(typeof esm.run).toBe('function');
    expect(typeof cjs.run).toBe('function');
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(require.resolve('@oauth1a/cli')).toMatch(/dist[\\/]index\.cjs$/);
  });
});
