#!/usr/bin/env node
import { run } from './run.js';

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  platform: process.platform,
}).then((code) => {
  process.exitCode = code;
});
