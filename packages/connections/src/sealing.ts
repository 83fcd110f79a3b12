import { OAuth1Error } from '@oauth1a/core';
import { sealData, unsealData } from 'iron-session';
import type { ConnectionsSecret } from './types.js';

/** iron-session's password option: one password, or several by id for rotation. */
type Password = string | Record<string, string>;

function checkedPassword(secret: unknown): Password {
  if (typeof secret === 'string') {
    if (secret.length >= 32) return secret;
    throw new OAuth1Error('invalid_config', 'secret must be at least 32 characters (use a random secret)');
  }
  if (typeof secret === 'object' && secret !== null && Object.keys(secret).length > 0) {
    const entries = Object.entries(secret);
    for (const [id, value] of entries) {
      if (!/^\d+$/.test(id))
        throw new OAuth1Error(
          'invalid_config',
          `secret ids must be numbers ({ 1: old, 2: new }); got "${id}"`,
        );
      if (typeof value !== 'string' || value.length < 32)
        throw new OAuth1Error('invalid_config', `secret[${id}] must be at least 32 characters`);
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }
  throw new OAuth1Error(
    'invalid_config',
    'secret is required: a string of at least 32 characters, or a map { 1: "...", 2: "..." } to rotate',
  );
}

interface Envelope<T> {
  /** What the sealed value belongs to: a row that copies it opens nothing. */
  b: string;
  v: T;
}

/**
 * Seals secrets at rest with iron-session's `sealData` (AES-256-CBC + HMAC-SHA256, password rotation by
 * id). Each sealed value carries the key of the row it belongs to and opens only there, so a sealed
 * secret copied into another row (another owner's, say) fails to open.
 */
export class Sealer {
  readonly #password: Password;

  constructor(secret: ConnectionsSecret) {
    this.#password = checkedPassword(secret);
  }

  /** `ttlSeconds` 0: no expiry (stored connections); pending authorizations expire. */
  seal<T>(binding: string, value: T, ttlSeconds = 0): Promise<string> {
    const envelope: Envelope<T> = { b: binding, v: value };
    return sealData(envelope, { password: this.#password, ttl: ttlSeconds });
  }

  async open<T>(binding: string, seal: string, ttlSeconds = 0): Promise<T> {
    let envelope: Partial<Envelope<T>>;
    try {
      envelope = await unsealData<Partial<Envelope<T>>>(seal, { password: this.#password, ttl: ttlSeconds });
    } catch (cause) {
      throw new OAuth1Error('sealed_data_invalid', 'a sealed secret in the store is malformed', { cause });
    }
    // iron-session answers {} alike for a wrong password, a tampered seal and an expired one.
    if (envelope.b === undefined || envelope.v === undefined) {
      throw new OAuth1Error(
        'sealed_data_invalid',
        'a sealed secret in the store does not open with the configured secret (rotated away, or altered)',
      );
    }
    if (envelope.b !== binding) {
      throw new OAuth1Error(
        'sealed_data_invalid',
        'a sealed secret in the store belongs to another row (copied); reconnect this connection',
      );
    }
    return envelope.v;
  }
}

/** The binding of a connection's secrets: its (owner, provider, uid), which never change for a row. */
export function connectionBinding(owner: string, provider: string, uid: string): string {
  return `connection\u0000${owner}\u0000${provider}\u0000${uid}`;
}

export function pendingBinding(requestToken: string): string {
  return `pending\u0000${requestToken}`;
}
