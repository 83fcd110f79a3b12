// Issue 12: `provider: trello` (a preset passed without calling it) said only "provider must be an
// object"; the message now names the preset and the call to make.
import { describe, expect, it } from 'vitest';
import { createOAuth1Handler, isOAuth1Error, providerConfigProblems } from '../src/index.js';
import { trello, x } from '../src/providers.js';

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isOAuth1Error(error)) return error;
    throw error;
  }
  throw new Error('expected an OAuth1Error');
}

describe('a preset passed without calling it', () => {
  it.each([
    ['trello', trello],
    ['x', x],
  ] as const)('provider: %s says "call %s({ ... })"', (name, preset) => {
    const error = thrown(() =>
      createOAuth1Handler({
        provider: preset as never,
        consumer: { key: 'ck', secret: 'cs' },
        session: { password: 'a-session-password-of-32-characters!' },
      }),
    );
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(`provider is the function ${name} itself`);
    expect(error.message).toContain(`call it, as in provider: ${name}({ ... })`);
    expect(error.message).not.toContain('must be an object');
  });

  it('an anonymous function still gets the advice, and a non-object non-function the old message', () => {
    expect(providerConfigProblems(() => ({}))[0]).toMatch(/call it, as in provider: \w+\(\{ \.\.\. \}\)/);
    expect(providerConfigProblems(42)).toEqual(['provider must be an object (a ProviderConfig or a preset)']);
  });
});
