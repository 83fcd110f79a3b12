import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Bad command-line input: exit code 2, with the usage hint of the command. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly fix: string | undefined;

  constructor(message: string, fix?: string) {
    super(message);
    this.fix = fix;
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>
>;

/** `parseArgs` in strict mode, its TypeErrors turned into usage errors naming `command`. */
export function parseCommand<const T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
): Parsed<T> {
  try {
    return parseArgs({
      args: attachDashValues(args, options),
      options,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message, `see "oauth1a ${command} --help"`);
  }
}

/**
 * `--token -abc` as `--token=-abc`: base64url keys, tokens and secrets start with `-` one time in 32,
 * and strict `parseArgs` would take such a value for an unknown option. A value that is itself one of
 * this command's options is left alone, so a forgotten value still reads as a usage error.
 */
function attachDashValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const option = arg.startsWith('--') && !arg.includes('=') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next?.startsWith('-') && next !== '--' && !isOption(next, options)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function isOption(arg: string, options: Options): boolean {
  if (arg.startsWith('--')) return arg.slice(2).split('=')[0]! in options;
  return Object.values(options).some((option) => option.short !== undefined && arg === `-${option.short}`);
}

/** `k=v` values of a repeatable option, split at the first `=`, in order. */
export function keyValues(values: readonly string[] | undefined, flag: string): Array<[string, string]> {
  return (values ?? []).map((entry) => {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} expects key=value, got ${JSON.stringify(entry)}`);
    return [entry.slice(0, at), entry.slice(at + 1)];
  });
}

/** `-H 'Name: value'` headers, in order. */
export function headerPairs(values: readonly string[] | undefined): Array<[string, string]> {
  return (values ?? []).map((entry) => {
    const at = entry.indexOf(':');
    const name = at > 0 ? entry.slice(0, at).trim() : '';
    if (name === '' || /\s/.test(name))
      throw new UsageError(`-H expects 'Name: value', got ${JSON.stringify(entry)}`);
    return [name, entry.slice(at + 1).trim()];
  });
}

/** `300`, `300s` or `5m` as milliseconds. */
export function duration(value: string | undefined, flag: string, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(value.trim());
  const amount = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !(amount > 0)) {
    throw new UsageError(
      `${flag} expects a positive duration such as 90, 90s or 5m, got ${JSON.stringify(value)}`,
    );
  }
  return Math.round(amount * (match[2] === 'm' ? 60_000 : 1000));
}

/** The one positional URL of request/sign: absolute http(s). */
export function targetUrl(positionals: readonly string[], command: string): URL {
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'a URL is required'
        : `expected one URL, got ${positionals.length} arguments`,
      `oauth1a ${command} [options] https://api.example.com/path`,
    );
  }
  let url: URL;
  try {
    url = new URL(positionals[0]!);
  } catch {
    throw new UsageError(
      `${JSON.stringify(positionals[0])} is not an absolute URL`,
      'pass a URL such as https://api.example.com/1/me',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('the URL must be http or https');
  return url;
}

/** A flag value, or the environment variable that stands in for it (keeps secrets out of `ps`). */
export function flagOrEnv(
  value: string | undefined,
  env: Record<string, string | undefined>,
  name: string,
): string | undefined {
  if (value !== undefined) return value;
  const fromEnv = env[name];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
