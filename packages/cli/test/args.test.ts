// Option values that start with a dash: base64url tokens and secrets do, one time in 32 (a flaky CLI
// test found it: the mock provider's random token began with "-").
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../src/args.js';

const options = {
  token: { type: 'string' },
  'token-secret': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

describe('parseCommand', () => {
  it('takes a value that starts with a dash as the value of a string option', () => {
    const { values, positionals } = parseCommand(
      'sign',
      ['--token', '-tok', '--token-secret', '--s3cret-', 'https://api.example/x'],
      options,
    );
    expect(values).toEqual({ token: '-tok', 'token-secret': '--s3cret-' });
    expect(positionals).toEqual(['https://api.example/x']);
  });

  it('still reports a forgotten value when the next word is one of the options', () => {
    expect(() => parseCommand('sign', ['--token', '--token-secret', 's'], options)).toThrow(UsageError);
    expect(() => parseCommand('sign', ['--token', '-v'], options)).toThrow(UsageError);
  });

  it('leaves --name=value, booleans and positionals as they are', () => {
    const { values, positionals } = parseCommand('sign', ['--token=-a', '-v', 'https://x.example'], options);
    expect(values).toEqual({ token: '-a', verbose: true });
    expect(positionals).toEqual(['https://x.example']);
  });
});
