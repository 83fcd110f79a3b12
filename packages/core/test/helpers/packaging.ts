import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './paths.js';

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * The packaging checks of STYLE.md rule 18 for one workspace package, reusable by every package's
 * test suite: `publint --strict` and arethetypeswrong on the packed tarball. The `node16` profile fits a
 * dual ESM/CommonJS package with subpath exports: it checks node16 from ESM and from CJS and bundlers,
 * and ignores the legacy node10 resolution, which cannot see subpath exports.
 */
export function packagingChecks(packageDir: string): void {
  it('has a build to check (dist/ is built before tests; run `npm run build` first)', () => {
    expect(existsSync(path.join(packageDir, 'dist')), `${packageDir}/dist is missing`).toBe(true);
  });

  it('passes publint --strict', () => {
    const { status, output } = run(bin('publint'), ['--strict'], packageDir);
    expect(status, output).toBe(0);
    expect(output).toContain('All good!');
  });

  it('passes arethetypeswrong (attw --pack . --profile node16)', () => {
    const { status, output } = run(bin('attw'), ['--pack', '.', '--profile', 'node16'], packageDir);
    expect(status, output).toBe(0);
    expect(output).not.toMatch(/❌|🐛|⚠️|🥴|🎭|❗️/u);
  });
}
