// What the examples' browser tests share: Debian's Chromium, the flags this closed network needs, and
// the rule that a missing browser fails under CI=true but only skips (saying so) on a workstation.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Without the background-networking flags Chromium's own connections are refused here, many at a time. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** True when the browser test can run; throws under CI=true when Chromium is missing. */
export function haveChromium() {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `${CHROMIUM} is missing: CI must install Debian's chromium (.ci/run does) for the browser test`,
    );
  }
  console.warn(`SKIPPED the browser test: ${CHROMIUM} is not installed (apt-get install chromium to run it)`);
  return false;
}
