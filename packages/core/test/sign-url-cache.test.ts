// signRequest works out each distinct URL's base string URI and query pairs once (src/signature/url-parts.ts).
// The cache must never change a signature: a URL object mutated between two calls signs its new query,
// equal URLs given as a string or a URL sign alike, and a bad URL is refused every time, not cached.
import { describe, expect, it } from 'vitest';
import { OAuth1Error, type SignInput, signRequest } from '../src/index.js';

const fixed: Omit<SignInput, 'url'> = {
  method: 'GET',
  consumer: { key: 'key', secret: 'secret' },
  token: { token: 'token', secret: 'token-secret' },
  nonce: 'nonce',
  timestamp: 1,
};

describe('the per-URL cache of signRequest', () => {
  it('a URL object mutated between calls is signed as it is now', () => {
    const url = new URL('https://api.example.com/items?a=1');
    const first = signRequest({ ...fixed, url }).baseString;
    url.searchParams.set('a', '2');
    url.pathname = '/other';
    const second = signRequest({ ...fixed, url }).baseString;
    expect(first).toContain('%2Fitems&a%3D1%26');
    expect(second).toContain('%2Fother&a%3D2%26');
  });

  it('a string and a URL for the same address sign alike, again and again', () => {
    const text = 'https://API.example.com:443/a%20b?q=%7e&q=x+y&oauth_signature=dropped';
    const fromString = signRequest({ ...fixed, url: text });
    for (let i = 0; i < 3; i++) {
      expect(signRequest({ ...fixed, url: text })).toEqual(fromString);
      expect(signRequest({ ...fixed, url: new URL(text) })).toEqual(fromString);
    }
    expect(fromString.baseString).toBe(
      'GET&https%3A%2F%2Fapi.example.com%2Fa%2520b&oauth_consumer_key%3Dkey%26oauth_nonce%3Dnonce%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1%26oauth_token%3Dtoken%26oauth_version%3D1.0%26q%3Dx%2520y%26q%3D~',
    );
  });

  it('more distinct URLs than the cache holds all sign correctly; a bad URL always throws', () => {
    for (let i = 0; i < 600; i++) {
      const { baseString } = signRequest({ ...fixed, url: `https://api.example.com/n/${i}?i=${i}` });
      expect(baseString).toContain(`%2Fn%2F${i}&i%3D${i}%26`);
    }
    for (let i = 0; i < 2; i++) {
      expect(() => signRequest({ ...fixed, url: 'ftp://example.com/' })).toThrow(OAuth1Error);
      expect(() => signRequest({ ...fixed, url: 'not a url' })).toThrow(OAuth1Error);
    }
  });
});
