import { describe, expect, it } from 'vitest';
import { resolveProvider, storedProvider } from '../src/provider.js';
import { redact } from '../src/redact.js';

describe('presets', () => {
  it('a preset with settings is stored by name and settings, and resolves the same again', () => {
    const resolved = resolveProvider('netsuite', { accountId: '1234567-SB1' });
    expect(resolved.source).toEqual({ preset: 'netsuite', settings: { accountId: '1234567-SB1' } });
    expect(resolved.config).toMatchObject({ signatureMethod: 'HMAC-SHA256', realm: '1234567_SB1' });
    expect(storedProvider(resolved.source)).toEqual(resolved.config);
  });

  it('a preset without settings is stored by name alone', () => {
    expect(resolveProvider('tumblr', {}).source).toEqual({ preset: 'tumblr' });
  });
});

describe('redact', () => {
  it('masks a secret as is and percent-encoded, longest form first, and leaves short ones', () => {
    expect(redact('a s3cr&t/x b s3cr%26t%2Fx', ['s3cr&t/x'])).toBe('a *** b ***');
    expect(redact('abc', ['abc'])).toBe('abc');
  });
});
