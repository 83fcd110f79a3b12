import { packageBuild } from '../../tsup.base.js';

export default packageBuild({
  index: 'src/index.ts',
  sqlite: 'src/stores/sqlite.ts',
  postgres: 'src/stores/postgres.ts',
});
