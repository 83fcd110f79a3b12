import { copyFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

const build = packageBuild({
  index: 'src/index.ts',
  node: 'src/node.ts',
  providers: 'src/providers.ts',
  adapter: 'src/adapter.ts',
}) as Options;

export default defineConfig({
  ...build,
  // Every error message points at `@oauth1a/core/errors.md`, so the package ships the reference.
  // docs/errors.md stays the one source (a test keeps it in step with the codes); this is its copy.
  onSuccess: () => copyFile('../../docs/errors.md', 'errors.md'),
});
