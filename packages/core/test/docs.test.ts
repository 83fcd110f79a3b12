import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OAUTH1_ERROR_CODES } from '../src/index.js';

const errorsDoc = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');

describe('docs/errors.md', () => {
  it.each(OAUTH1_ERROR_CODES)('documents %s', (code) => {
    expect(errorsDoc).toMatch(new RegExp(`^## ${code}$`, 'm'));
  });

  it('documents no code that does not exist', () => {
    const documented = [...errorsDoc.matchAll(/^## ([a-z_]+)$/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...OAUTH1_ERROR_CODES].sort());
  });
});
