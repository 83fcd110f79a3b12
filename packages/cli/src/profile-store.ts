import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Profile } from '@oauth1a/core';
import { UsageError } from './args.js';
import type { ProviderSource } from './provider.js';

/** One authorized connection, as saved in `<config dir>/<name>.json` (mode 0600). */
export interface StoredProfile {
  version: 1;
  name: string;
  provider: ProviderSource;
  /** The secret (HMAC, PLAINTEXT) or the path of the PEM private key (RSA); never the key itself. */
  consumer: { key: string; secret?: string; privateKeyPath?: string };
  token: string;
  tokenSecret: string;
  /** Every other field of the access-token answer (user_id, screen_name, ...). */
  params: Record<string, string>;
  profile?: Profile;
  /** ISO 8601. */
  authorizedAt: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `$XDG_CONFIG_HOME/oauth1a`, or `~/.config/oauth1a`. */
export function configDir(env: Record<string, string | undefined>): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and to be ignored.
  const base = env.XDG_CONFIG_HOME;
  return join(base?.startsWith('/') ? base : join(homedir(), '.config'), 'oauth1a');
}

/** A file-name-safe profile name from an identity such as "mock" + "ada". */
export function profileName(...parts: string[]): string {
  const name = parts
    .filter((part) => part !== '')
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 100);
  return name === '' ? 'default' : name;
}

/** Refuses names that would escape the directory or surprise a shell. */
export function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw new UsageError(
      `invalid profile name ${JSON.stringify(name)}`,
      'use letters, digits, ".", "_" and "-" only (at most 100), starting with a letter or digit',
    );
  }
  return name;
}

function isProfile(value: unknown): value is StoredProfile {
  const p = value as Partial<StoredProfile> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    p.version === 1 &&
    typeof p.name === 'string' &&
    typeof p.token === 'string' &&
    typeof p.tokenSecret === 'string' &&
    typeof p.consumer?.key === 'string' &&
    typeof p.provider === 'object'
  );
}

/** The profile files of one config directory: a directory 0700, one file 0600 per profile. */
export class ProfileStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  pathOf(name: string): string {
    return join(this.dir, `${checkName(name)}.json`);
  }

  /** Writes atomically (temporary file + rename), owner-only from the first byte. */
  save(profile: StoredProfile): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const path = this.pathOf(profile.name);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    try {
      chmodSync(temporary, 0o600);
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    return path;
  }

  load(name: string): StoredProfile {
    const path = this.pathOf(name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new UsageError(
        `no profile named ${JSON.stringify(name)}`,
        'see "oauth1a profiles", or run "oauth1a authorize"',
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!isProfile(parsed)) {
      throw new UsageError(
        `profile file ${path} is damaged`,
        `delete it with "oauth1a logout ${name}" and authorize again`,
      );
    }
    return parsed;
  }

  /** Every readable profile, most recently authorized first. */
  list(): StoredProfile[] {
    let files: string[];
    try {
      files = readdirSync(this.dir);
    } catch {
      return [];
    }
    const profiles: StoredProfile[] = [];
    for (const file of files) {
      if (!file.endsWith('.json') || !NAME.test(file.slice(0, -5))) continue;
      try {
        profiles.push(this.load(file.slice(0, -5)));
      } catch {
        // A damaged file is skipped here; loading it by name says what is wrong.
      }
    }
    return profiles.sort((a, b) => b.authorizedAt.localeCompare(a.authorizedAt));
  }

  /** The named profile, or the most recently authorized one. */
  resolve(name: string | undefined): StoredProfile {
    if (name !== undefined) return this.load(name);
    const latest = this.list()[0];
    if (latest === undefined) {
      throw new UsageError(
        'no stored profile yet',
        'run "oauth1a authorize --provider ... " first, or pass --consumer-key/--token',
      );
    }
    return latest;
  }

  /** Deletes a profile; false when there was none. */
  remove(name: string): boolean {
    const path = this.pathOf(name);
    try {
      rmSync(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}
