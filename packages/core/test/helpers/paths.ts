import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/core */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The repository root (the checkout). */
export const repoRoot = path.resolve(packageRoot, '..', '..');
export const fixturesDir = path.join(packageRoot, 'test', 'fixtures');
/** The published RFC 5849 signing examples, copied into the repository (a clone has nothing beside it). */
export const conformanceDir = path.join(fixturesDir, 'conformance');
export const oracleScript = path.join(packageRoot, 'test', 'oracle', 'oauthlib_sign.py');
