// encodedFormPairs transcodes a form string straight to RFC 3986 encodings; the reference is decoding it
// with URLSearchParams (the WHATWG form parser) and percent-encoding each name and value again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentEncode } from '../src/index.js';
import { encodedFormPairs, transcodeFormComponent } from '../src/signature/form-transcode.js';

const reference = (source: string) =>
  [...new URLSearchParams(source)].map(([name, value]) => [percentEncode(name), percentEncode(value)]);

// Strings made of the pieces that matter: escapes (valid, lower-case, truncated, of every byte and of
// UTF-8 sequences, valid or not), '+', '=', '&', '?', unreserved and reserved characters, raw non-ASCII.
const hexByte = fc.integer({ min: 0, max: 255 }).map((b) => b.toString(16).padStart(2, '0'));
const piece = fc.oneof(
  hexByte.map((h) => `%${h.toUpperCase()}`),
  hexByte.map((h) => `%${h}`),
  fc.constantFrom(
    '%',
    '%4',
    '%G1',
    '%E2%9C%93',
    '%F0%9F%98%80',
    '%ED%A0%80',
    '%C0%AF',
    '%E2%9C',
    '%F4%90%80%80',
  ),
  fc.constantFrom('+', '=', '&', '?', '~', '-', '.', '_', '*', '!', "'", '(', ')', ' ', '#', '/', ':'),
  fc.constantFrom('a', 'Z', '0', '9', 'é', '✓', '😀', '\u0000'),
);
const formish = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));

describe('encodedFormPairs', () => {
  it('equals decoding with URLSearchParams and encoding again, for any input', () => {
    fc.assert(
      fc.property(formish, (source) => {
        expect(encodedFormPairs(source, [])).toEqual(reference(source));
      }),
      { numRuns: 3000 },
    );
  });

  it('also for arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (source) => {
        expect(encodedFormPairs(source, [])).toEqual(reference(source));
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves out the named parameter (oauth_signature, however it was escaped)', () => {
    expect(encodedFormPairs('a=1&oauth%5Fsignature=x&oauth_signature=y&b=2', [], 'oauth_signature')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('transcodes the common cases without the slow path', () => {
    expect(transcodeFormComponent('value+1+with+spaces+%26+symbols%3a+%E2%9C%93')).toBe(
      'value%201%20with%20spaces%20%26%20symbols%3A%20%E2%9C%93',
    );
    expect(transcodeFormComponent('%41%7e')).toBe('A~');
    expect(transcodeFormComponent('a*b')).toBeUndefined();
    expect(transcodeFormComponent('%E2%9C')).toBeUndefined();
  });
});
