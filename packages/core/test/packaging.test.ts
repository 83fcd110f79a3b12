// Layer (g) of the test plan: the package as users get it. publint and arethetypeswrong on the packed
// tarball, then the built @oauth1a/core loaded both ways, ESM import() and CommonJS require(), signing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as source from '../src/index.js';
import { packagingChecks } from './helpers/packaging.js';
import { packageRoot, repoRoot } from './helpers/paths.js';

type Core = typeof source;

const input: source.SignInput = {
  method: 'GET',
  url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
  consumer: { key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44' },
  token: { token: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00' },
  nonce: 'kllo9940pd9333jh',
  timestamp: 1191242096,
};
// OAuth Core 1.0 Appendix A.5.
const EXPECTED_SIGNATURE = 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=';

describe('@oauth1a/core packaging', () => {
  packagingChecks(packageRoot);

  const require = createRequire(import.meta.url);

  it.each([
    ['ESM import()', () => import('@oauth1a/core') as Promise<Core>, /dist[\\/]index\.js$/],
    ['CommonJS require()', async () => require('@oauth1a/core') as Core, /dist[\\/]index\.cjs$/],
  ] as const)('loads the build with %s and signs', async (_how, load, file) => {
    const core = await load();
    expect(core.signRequest(input).signature).toBe(EXPECTED_SIGNATURE);
    expect(core.signRequest(input)).toEqual(source.signRequest(input));
    expect(() => core.signRequest({ ...input, url: 'ftp://x' })).toThrow(/invalid_config/);
    if (file.source.includes('cjs')) expect(require.resolve('@oauth1a/core')).toMatch(file);
  });

  it('an OAuth1Error from one build is recognized by the other', async () => {
    const esm = (await import('@oauth1a/core')) as Core;
    const cjs = require('@oauth1a/core') as Core;
    let error: unknown;
    try {
      cjs.signRequest({ ...input, signatureMethod: 'HMAC-MD5' as source.SignatureMethod });
    } catch (e) {
      error = e;
    }
    expect(esm.isOAuth1Error(error)).toBe(true);
  });

  it('exposes package.json and the subpath exports', () => {
    expect((require('@oauth1a/core/package.json') as { name: string }).name).toBe('@oauth1a/core');
    expect(require.resolve('@oauth1a/core/providers')).toMatch(/dist[\\/]providers\.cjs$/);
    expect(require.resolve('@oauth1a/core/node')).toMatch(/dist[\\/]node\.cjs$/);
  });

  it('ships docs/errors.md as @oauth1a/core/errors.md, the reference every message names', () => {
    const shipped = require.resolve('@oauth1a/core/errors.md');
    expect(shipped).toBe(path.join(packageRoot, 'errors.md'));
    expect(readFileSync(shipped, 'utf8')).toBe(
      readFileSync(path.join(repoRoot, 'docs', 'errors.md'), 'utf8'),
    );
    const error = new source.OAuth1Error('token_mismatch', 'x');
    expect(error.message).toContain('see @oauth1a/core/errors.md#token_mismatch');
    expect(readFileSync(shipped, 'utf8')).toMatch(/^## token_mismatch$/m);
  });
});
