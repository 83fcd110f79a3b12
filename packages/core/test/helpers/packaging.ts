import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './paths.js';

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * The packaging checks of STYLE.md rule 18 for one workspace package, reusable by every package's
 * test suite: `publint --strict`, arethetypeswrong on the packed tarball with its default profile
 * (node10 included: `moduleResolution: "node"` is TypeScript's default for `module: commonjs`, so
 * subpath exports need `typesVersions`), and the metadata and files a registry page and a user need.
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

  it('passes arethetypeswrong with its default profile (attw --pack .; node10, node16, bundler)', () => {
    // Documents in the exports map (core's errors.md) are files to open, not modules to type-check.
    const { exports = {} } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      exports?: Record<string, unknown>;
    };
    const documents = Object.keys(exports).filter((key) => key.endsWith('.md'));
    const exclude = documents.length > 0 ? ['--exclude-entrypoints', ...documents] : [];
    const { status, output } = run(bin('attw'), ['--pack', '.', ...exclude], packageDir);
    expect(status, output).toBe(0);
    expect(output).not.toMatch(/❌|🐛|⚠️|🥴|🎭|❗️|💀/u);
  });

  it('names its repository, homepage, bugs, keywords and license, and packs LICENSE and README.md', () => {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toMatchObject({
      type: 'git',
      url: expect.stringMatching(/^git\+https:\/\//),
    });
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\//) });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(2);
    expect(manifest.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md']));
    const { status, stdout, output } = run(
      'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts'],
      packageDir,
    );
    expect(status, output).toBe(0);
    const packed = (JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files;
    expect(packed.map((file) => file.path)).toEqual(expect.arrayContaining(['LICENSE', 'README.md']));
    expect(readFileSync(path.join(packageDir, 'LICENSE'), 'utf8')).toBe(
      readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'),
    );
  });

  it('links its bins from committed files outside dist/ (npm links bins before a workspace build exists)', () => {
    const { bin: bins = {} } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      bin?: Record<string, string>;
    };
    for (const [name, target] of Object.entries(bins)) {
      expect(target, name).not.toMatch(/^(\.\/)?dist\//);
      expect(existsSync(path.join(packageDir, target)), `${name} -> ${target}`).toBe(true);
      const linked = path.join(repoRoot, 'node_modules', '.bin', name);
      const { status, output } = run(linked, ['--help'], packageDir);
      expect(status, output).toBe(0);
      expect(output).toMatch(/^Usage: /m);
    }
  });
}
