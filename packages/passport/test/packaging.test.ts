// Layer (g) of the test plan: the package as users get it. publint and arethetypeswrong on the packed
// tarball (core's shared checks), then the build loaded both ways, ESM import() and CommonJS require().
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagingChecks } from '../../core/test/helpers/packaging.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

describe('@oauth1a/passport packaging', () => {
  packagingChecks(packageDir);

  it('loads the same API through import() and require()', async () => {
    const esm = (await import('@oauth1a/passport')) as Record<string, unknown>;
    const cjs = require('@oauth1a/passport') as Record<string, unknown>;
    expect(typeof esm.OAuth1Strategy).toBe('function');
    expect(typeof cjs.OAuth1Strategy).toBe('function');
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(require.resolve('@oauth1a/passport')).toMatch(/dist[\\/]index\.cjs$/);
  });

  it("is passport-oauth1's module shape: the CommonJS export is the strategy, named exports on it", async () => {
    const cjs = require('@oauth1a/passport') as Record<string, unknown> & (new (...args: never[]) => object);
    expect(typeof cjs).toBe('function');
    for (const name of ['Strategy', 'OAuthStrategy', 'OAuth1Strategy', 'default'])
      expect(cjs[name]).toBe(cjs);
    expect(typeof cjs.InternalOAuthError).toBe('function');
    expect(typeof cjs.sessionStore).toBe('function');
    // util.inherits(Sub, require('passport-oauth1')) is how ES5 strategies subclass it.
    const util = require('node:util') as typeof import('node:util');
    function Sub(this: object) {}
    expect(() => util.inherits(Sub, cjs)).not.toThrow();
    const esm = (await import('@oauth1a/passport')) as Record<string, unknown>;
    expect(esm.default).toBe(esm.OAuthStrategy);
  });
});
