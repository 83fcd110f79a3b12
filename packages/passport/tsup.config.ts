import type { Options } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

const build = packageBuild({ index: 'src/index.ts' }) as Options;

// passport-oauth1's CommonJS module *is* the strategy, with its other exports as properties, and
// strategies written for it do `util.inherits(Strategy, require('passport-oauth1'))`. So the CommonJS
// build ends by making `module.exports` the strategy and copying every named export onto it. One entry
// and no tree-shaking pass: esbuild's own CommonJS output, where the footer really comes last.
const config: Options = {
  ...build,
  splitting: false,
  treeshake: false,
  footer: ({ format }) =>
    format === 'cjs'
      ? { js: 'module.exports = Object.assign(module.exports.OAuth1Strategy, module.exports);' }
      : {},
};

export default config;
