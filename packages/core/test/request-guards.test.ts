// The two request guards every route shares: which Host may stand in for a configured origin, and which
// requests a browser marks as cross-site.
import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest, isLoopbackHost } from '../src/index.js';

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    'LOCALHOST:3000',
    'app.localhost:8080',
    '127.0.0.1',
    '127.0.0.1:3000',
    '127.255.10.2:1',
    '[::1]',
    '[::1]:3000',
  ])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    'evil.example',
    'evil.example:3000',
    'localhost.evil.example',
    '127.0.0.1.evil.example',
    '128.0.0.1',
    '127.0.0.256',
    '127.0.0.01',
    '10.0.0.1',
    '192.168.1.2',
    '0.0.0.0',
    '[::2]',
    '[::1].evil',
    '127.0.0.1:3000@evil.example',
    'localhost:abc',
    '',
  ])('refuses %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('isCrossSiteRequest', () => {
  const origin = 'http://127.0.0.1:3000';
  const post = (headers: Record<string, string>) =>
    new Request(`${origin}/auth/x/logout`, { method: 'POST', headers });

  it('refuses another Origin, a null Origin and cross-site or same-site fetch metadata', () => {
    expect(isCrossSiteRequest(post({ origin: 'https://evil.example' }), origin)).toBe(true);
    expect(isCrossSiteRequest(post({ origin: 'null' }), origin)).toBe(true);
    expect(isCrossSiteRequest(post({ 'sec-fetch-site': 'cross-site' }), origin)).toBe(true);
    expect(isCrossSiteRequest(post({ 'sec-fetch-site': 'same-site' }), origin)).toBe(true);
  });

  it('lets same-origin requests and requests without browser headers through', () => {
    expect(isCrossSiteRequest(post({ origin }), origin)).toBe(false);
    expect(isCrossSiteRequest(post({ 'sec-fetch-site': 'same-origin', origin }), origin)).toBe(false);
    expect(isCrossSiteRequest(post({ 'sec-fetch-site': 'none' }), origin)).toBe(false);
    expect(isCrossSiteRequest(post({}), origin)).toBe(false);
  });
});
