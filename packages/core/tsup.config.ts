import { packageBuild } from '../../tsup.base.js';

export default packageBuild({
  index: 'src/index.ts',
  node: 'src/node.ts',
  providers: 'src/providers.ts',
  adapter: 'src/adapter.ts',
});
