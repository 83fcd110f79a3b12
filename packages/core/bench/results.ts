import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * Writes one benchmark's results as JSON to bench/results/<name>-<date>.json (or `outDir`, another
 * package's bench/results/), with the machine it ran on.
 */
export function writeResults(
  name: string,
  results: Record<string, unknown>,
  outDir = fileURLToPath(new URL('./results/', import.meta.url)),
): string {
  mkdirSync(outDir, { recursive: true });
  const date = new Date().toISOString();
  const file = `${outDir}${name}-${date.replace(/[:.]/g, '-')}.json`;
  const machine = { node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length };
  writeFileSync(file, `${JSON.stringify({ benchmark: name, date, ...machine, ...results }, null, 2)}\n`);
  return file;
}
