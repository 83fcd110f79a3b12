import { spawn } from 'node:child_process';

/** The command that opens a URL here: `$BROWSER`, else `xdg-open` (Linux) or `open` (macOS). */
export function browserCommand(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): string | undefined {
  const fromEnv = env.BROWSER?.split(':')[0]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (platform === 'linux') return 'xdg-open';
  if (platform === 'darwin') return 'open';
  return undefined;
}

/**
 * Opens `url` in a browser, detached and silent; false when there is no browser to try. A failure to
 * start is ignored: the URL is printed anyway.
 */
export function openBrowser(
  url: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
): boolean {
  const command = browserCommand(env, platform);
  if (command === undefined) return false;
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
