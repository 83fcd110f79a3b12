import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', providers: 'src/providers.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Shared chunks: one OAuth1Error class across ".", "./node" and "./providers", so instanceof holds.
  splitting: true,
  treeshake: true,
});
