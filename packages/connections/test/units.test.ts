// The small pure parts: which provider answers mean "this token is no good", where expiry comes from,
// which URLs a connection may call, and the secret's guards.
import type { ProviderConfig } from '@oauth1a/core';
import { describe, expect, it } from 'vitest';
import { expiresAtOf } from '../src/expiry.js';
import { tokenFailure } from '../src/health.js';
import { allowedUrl, apiBases } from '../src/origins.js';
import { connectionBinding, Sealer } from '../src/sealing.js';

const base: ProviderConfig = {
  id: 'p',
  name: 'P',
  requestTokenUrl: 'https://p.example/oauth/request_token',
  authorizeUrl: 'https://p.example/oauth/authorize',
  accessTokenUrl: 'https://p.example/oauth/access_token',
};

describe('tokenFailure', () => {
  const answer = (status: number, body = '', headers: Record<string, string> = {}) =>
    tokenFailure(new Response(body, { status, headers }), 'GET https://p.example/x');

  it('a 401 is a token failure, with the oauth_problem named when there is one', async () => {
    expect(await answer(401)).toMatchObject({ code: 'connection_needs_reauth' });
    expect((await answer(401, 'oauth_problem=token_revoked'))?.message).toContain('401 (token_revoked)');
    expect(
      (await answer(401, '', { 'www-authenticate': 'OAuth realm="x", oauth_problem="token_expired"' }))
        ?.message,
    ).toContain('(token_expired)');
  });

  it('a 400 or 403 only with a token problem; other statuses never', async () => {
    expect(await answer(403, 'oauth_problem=permission_denied')).toBeDefined();
    expect(await answer(400, 'oauth_problem=token_rejected&oauth_problem_advice=x')).toBeDefined();
    expect(await answer(400, 'oauth_problem=parameter_absent')).toBeUndefined();
    expect(await answer(403, '{"error":"forbidden"}')).toBeUndefined();
    expect(await answer(500, 'oauth_problem=token_rejected')).toBeUndefined();
    expect(await answer(200, 'oauth_problem=token_rejected')).toBeUndefined();
  });

  it('leaves the response body unread for the caller', async () => {
    const response = new Response('oauth_problem=token_rejected', { status: 401 });
    await tokenFailure(response, 'GET x');
    expect(await response.text()).toBe('oauth_problem=token_rejected');
  });
});

describe('expiresAtOf', () => {
  const now = Date.UTC(2026, 0, 1);
  it('reads seconds from now, epoch seconds and epoch milliseconds from the access-token answer', () => {
    const seconds = { ...base, expiry: { field: 'oauth_expires_in', format: 'seconds' as const } };
    expect(expiresAtOf(seconds, { oauth_expires_in: '3600' }, now)).toBe('2026-01-01T01:00:00.000Z');
    const epoch = { ...base, expiry: { field: 'exp', format: 'epoch-seconds' as const } };
    expect(expiresAtOf(epoch, { exp: String(now / 1000 + 60) }, now)).toBe('2026-01-01T00:01:00.000Z');
    const ms = { ...base, expiry: { field: 'edam_expires', format: 'epoch-ms' as const } };
    expect(expiresAtOf(ms, { edam_expires: String(now + 1000) }, now)).toBe('2026-01-01T00:00:01.000Z');
    expect(expiresAtOf(ms, { edam_expires: 'soon' }, now)).toBeUndefined();
    expect(expiresAtOf(ms, {}, now)).toBeUndefined();
    expect(expiresAtOf(base, { oauth_expires_in: '3600' }, now)).toBeUndefined();
  });

  it("reads Trello's expiration authorize param (never: no expiry)", () => {
    const trello = (expiration: string) => ({
      ...base,
      authorizeParams: { expiration },
      expiry: { authorizeParam: 'expiration' },
    });
    expect(expiresAtOf(trello('1day'), {}, now)).toBe('2026-01-02T00:00:00.000Z');
    expect(expiresAtOf(trello('30days'), {}, now)).toBe('2026-01-31T00:00:00.000Z');
    expect(expiresAtOf(trello('never'), {}, now)).toBeUndefined();
  });
});

describe('API origins', () => {
  it('apiBaseUrl (one or several), else the "who am I" origin, else none', () => {
    expect(apiBases({ ...base, apiBaseUrl: 'https://api.p.example/1/' }).map(String)).toEqual([
      'https://api.p.example/1/',
    ]);
    expect(apiBases({ ...base, profile: { url: 'https://api.p.example/me', id: 'id' } }).map(String)).toEqual(
      ['https://api.p.example/'],
    );
    expect(apiBases(base)).toEqual([]);
  });

  it('resolves relative URLs against the first base and refuses other origins', () => {
    const bases = apiBases({ ...base, apiBaseUrl: ['https://api.p.example/1/', 'https://up.p.example'] });
    expect(allowedUrl('members/me', bases, 'p').href).toBe('https://api.p.example/1/members/me');
    expect(allowedUrl('https://up.p.example/file', bases, 'p').href).toBe('https://up.p.example/file');
    expect(() => allowedUrl('https://api.p.example.evil.com/', bases, 'p')).toThrow(/origin_not_allowed/);
    expect(() => allowedUrl('http://api.p.example/1/', bases, 'p')).toThrow(/origin_not_allowed/);
    expect(() => allowedUrl('//evil.example/x', bases, 'p')).toThrow(/origin_not_allowed/);
    expect(() => allowedUrl('https://x.example', [], 'p')).toThrow(/set apiBaseUrl/);
  });
});

describe('Sealer', () => {
  it('refuses short secrets and non-numeric rotation ids', () => {
    expect(() => new Sealer('short')).toThrow(/at least 32 characters/);
    expect(() => new Sealer({ 1: 'short' })).toThrow(/secret\[1\]/);
    expect(() => new Sealer({ a: 'x'.repeat(32) } as unknown as Record<number, string>)).toThrow(/numbers/);
    expect(() => new Sealer({})).toThrow(/required/);
  });

  it('opens what it sealed only under the same binding; a tampered seal is sealed_data_invalid', async () => {
    const sealer = new Sealer('s'.repeat(32));
    const binding = connectionBinding('alice', 'mock', '1001');
    const seal = await sealer.seal(binding, { token: 't', tokenSecret: 'x' });
    expect(seal).not.toContain('tokenSecret');
    expect(await sealer.open(binding, seal)).toEqual({ token: 't', tokenSecret: 'x' });
    await expect(sealer.open(connectionBinding('bob', 'mock', '1001'), seal)).rejects.toThrow(/another row/);
    await expect(sealer.open(binding, `${seal.slice(0, -4)}AAAA`)).rejects.toMatchObject({
      code: 'sealed_data_invalid',
    });
  });
});
