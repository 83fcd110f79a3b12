import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/core */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The repository root (the checkout). */
export const repoRoot = path.resolve(packageRoot, '..', '..');
/** `shared/conformance` lives beside the checkout, in CI as on a workstation. */
export const conformanceDir = path.resolve(repoRoot, '..', 'shared', 'conformance');
export const fixturesDir = path.join(packageRoot, 'test', 'fixtures');
export const oracleScript = path.join(packageRoot, 'test', 'oracle', 'oauthlib_sign.py');
