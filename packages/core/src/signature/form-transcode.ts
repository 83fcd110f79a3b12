import type { EncodedPair } from './base-string.js';
import { percentEncode } from './percent-encode.js';

const HEX = '0123456789ABCDEF';

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function isUnreservedCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x7e
  );
}

/** The byte of a `%XX` at `at`, or -1. */
function escapedByte(raw: string, at: number): number {
  if (raw.charCodeAt(at) !== 0x25 || at + 2 >= raw.length) return -1;
  const high = hexValue(raw.charCodeAt(at + 1));
  const low = hexValue(raw.charCodeAt(at + 2));
  return high < 0 || low < 0 ? -1 : (high << 4) | low;
}

/** How many continuation bytes a UTF-8 lead byte takes, and the range its first continuation must fall in. */
function utf8Lead(byte: number): [count: number, min: number, max: number] | undefined {
  if (byte >= 0xc2 && byte <= 0xdf) return [1, 0x80, 0xbf];
  if (byte === 0xe0) return [2, 0xa0, 0xbf];
  if ((byte >= 0xe1 && byte <= 0xec) || byte === 0xee || byte === 0xef) return [2, 0x80, 0xbf];
  if (byte === 0xed) return [2, 0x80, 0x9f];
  if (byte === 0xf0) return [3, 0x90, 0xbf];
  if (byte >= 0xf1 && byte <= 0xf3) return [3, 0x80, 0xbf];
  if (byte === 0xf4) return [3, 0x80, 0x8f];
  return undefined;
}

/**
 * A form component (`+` for space, `%XX` escapes) straight to its RFC 3986 encoding, without decoding
 * to a string and encoding again: `+` becomes `%20`, escapes of unreserved characters become the
 * characters, other escapes get upper-case hex. Returns undefined for anything this shortcut does not
 * cover exactly (raw characters that need encoding, stray `%`, invalid UTF-8), which the caller then
 * decodes the slow way.
 */
export function transcodeFormComponent(raw: string): string | undefined {
  let out = '';
  let plainFrom = 0;
  const length = raw.length;
  let i = 0;
  while (i < length) {
    const code = raw.charCodeAt(i);
    if (isUnreservedCode(code)) {
      i++;
      continue;
    }
    if (code === 0x2b) {
      out += `${raw.slice(plainFrom, i)}%20`;
      plainFrom = ++i;
      continue;
    }
    if (code !== 0x25) return undefined;
    const byte = escapedByte(raw, i);
    if (byte < 0) return undefined;
    out += raw.slice(plainFrom, i);
    if (byte < 0x80) {
      out += isUnreservedCode(byte) ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
      i += 3;
    } else {
      const lead = utf8Lead(byte);
      if (lead === undefined) return undefined;
      const [count, min, max] = lead;
      out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
      i += 3;
      for (let k = 0; k < count; k++) {
        const next = escapedByte(raw, i);
        if (next < (k === 0 ? min : 0x80) || next > (k === 0 ? max : 0xbf)) return undefined;
        out += `%${HEX[next >> 4]}${HEX[next & 15]}`;
        i += 3;
      }
    }
    plainFrom = i;
  }
  return plainFrom === 0 ? raw : out + raw.slice(plainFrom);
}

function slowEncodedComponent(raw: string): string {
  // URLSearchParams is the reference for lenient decoding (stray %, invalid UTF-8 as U+FFFD).
  return percentEncode(new URLSearchParams(`x=${raw}`).get('x') ?? '');
}

/**
 * The pairs of a query string or form body, already RFC 3986 encoded for the signature base string:
 * the same result as decoding them as `application/x-www-form-urlencoded` and encoding each name and
 * value again, done directly. RFC 5849 sections 3.4.1.3.1 and 3.4.1.3.2.
 */
export function encodedFormPairs(source: string, into: EncodedPair[], skipName?: string): EncodedPair[] {
  const text = source.charCodeAt(0) === 0x3f ? source.slice(1) : source;
  let from = 0;
  while (from <= text.length) {
    let end = text.indexOf('&', from);
    if (end === -1) end = text.length;
    if (end > from) {
      const equals = text.indexOf('=', from);
      const split = equals === -1 || equals > end ? end : equals;
      const rawName = text.slice(from, split);
      const rawValue = split === end ? '' : text.slice(split + 1, end);
      const name = transcodeFormComponent(rawName) ?? slowEncodedComponent(rawName);
      if (name !== skipName) {
        into.push([name, transcodeFormComponent(rawValue) ?? slowEncodedComponent(rawValue)]);
      }
    }
    from = end + 1;
  }
  return into;
}
