import { defineConfig } from 'tsup';

/**
 * The one build every package shares: ESM and CommonJS with declarations for both, for Node 20.
 * Shared chunks keep one copy of each module (one OAuth1Error class) across a package's entry points.
 */
export function packageBuild(entry: Record<string, string>) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
  });
}
