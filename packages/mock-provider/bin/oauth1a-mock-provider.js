#!/usr/bin/env node
// A committed shim rather than a bin pointing into dist/: npm links bins when it installs, and in this
// repository's workspaces dist/ does not exist yet at `npm ci` time, so a bin into dist/ is never linked.
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write(
      'oauth1a-mock-provider: the build is missing (dist/cli.js); run `npm run build` first\n',
    );
    process.exit(1);
  }
  throw error;
});
