import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const coreDir = path.join(packageDir, '..', 'core');
const fixtures = path.join(packageDir, 'test', 'fixtures', 'drop-in');

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function pack(from: string, to: string): string {
  run('npm', ['pack', '--silent', '--pack-destination', to], from);
  const name = readdirSync(to).find((file) => file.endsWith('.tgz') && !file.startsWith('.done'));
  if (name === undefined) throw new Error(`npm pack left no tarball for ${from}`);
  return name;
}

export interface DropInProject {
  dir: string;
  /** `require` as the app's own files do: passport-oauth1 is whatever npm installed there. */
  require: NodeRequire;
  remove(): void;
}

/**
 * A new app installed the way a passport-twitter user would switch: @oauth1a/passport (and its
 * @oauth1a/core) packed into tarballs, and `"overrides": { "passport-oauth1": ... }` pointing every
 * passport-oauth1 in the tree at the tarball. passport-twitter 1.0.4, express, express-session and
 * passport come from the npm registry. The drop-in fixtures are copied in as the app's own files.
 */
export function installDropInProject(): DropInProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'oauth1a-drop-in-'));
  const corePacks = mkdtempSync(path.join(dir, 'core-'));
  const passportPacks = mkdtempSync(path.join(dir, 'passport-'));
  const core = path.join(path.basename(corePacks), pack(coreDir, corePacks));
  const passport = path.join(path.basename(passportPacks), pack(packageDir, passportPacks));
  const manifest = {
    name: 'drop-in-app',
    private: true,
    dependencies: {
      '@oauth1a/core': `file:./${core}`,
      // What the README's quick start imports, from the same tarball.
      '@oauth1a/passport': `file:./${passport}`,
      express: '^5.1.0',
      'express-session': '^1.19.0',
      passport: '^0.7.0',
      'passport-oauth1': `file:./${passport}`,
      'passport-twitter': '1.0.4',
    },
    // The one line a passport-twitter app adds (with the registry: "npm:@oauth1a/passport@^0.1.0").
    overrides: { 'passport-oauth1': '$passport-oauth1', '@oauth1a/core': '$@oauth1a/core' },
  };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of readdirSync(fixtures)) copyFileSync(path.join(fixtures, file), path.join(dir, file));
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error'],
    dir,
  );
  return {
    dir,
    require: createRequire(path.join(dir, 'package.json')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
