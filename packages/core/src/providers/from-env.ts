import { OAuth1Error } from '../errors.js';
import type { ProviderConfig } from '../flow/provider-config.js';
import type { ConsumerCredentials } from '../signature/sign.js';
import type { PresetMeta } from './preset.js';

/** Where `providerFromEnv` reads: `OAUTH1A_PROVIDER`, `OAUTH1A_CONSUMER_*`, `OAUTH1A_SETTING_*`. */
export type Env = Readonly<Record<string, string | undefined>>;

type Registry = Readonly<Record<string, PresetMeta & { create: (settings: never) => unknown }>>;

/** `accountId` → `OAUTH1A_SETTING_ACCOUNT_ID`. */
export function settingEnvName(name: string): string {
  return `OAUTH1A_SETTING_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/**
 * A preset and consumer from environment variables (for examples and twelve-factor apps):
 * `OAUTH1A_PROVIDER` names a three-legged preset, `OAUTH1A_CONSUMER_KEY` with `OAUTH1A_CONSUMER_SECRET`
 * or `OAUTH1A_CONSUMER_PRIVATE_KEY` (PEM; `\n` escapes allowed), each setting `OAUTH1A_SETTING_<NAME>`.
 */
export function presetFromEnv(
  registry: Registry,
  env: Env,
): { provider: ProviderConfig; consumer: ConsumerCredentials } {
  const id = env.OAUTH1A_PROVIDER ?? '';
  const preset = registry[id];
  if (preset === undefined || preset.kind !== 'three-legged') {
    const ids = Object.values(registry)
      .filter((entry) => entry.kind === 'three-legged')
      .map((entry) => entry.id);
    throw new OAuth1Error(
      'invalid_config',
      `OAUTH1A_PROVIDER must name a three-legged preset: ${ids.join(', ')}`,
    );
  }
  const settings: Record<string, string | boolean> = {};
  const missing: string[] = [];
  for (const setting of preset.settings) {
    const value = env[settingEnvName(setting.name)];
    if (value === undefined || value === '') {
      if (setting.required) missing.push(settingEnvName(setting.name));
    } else settings[setting.name] = setting.boolean ? value === 'true' || value === '1' : value;
  }
  const key = env.OAUTH1A_CONSUMER_KEY;
  if (key === undefined || key === '') missing.push('OAUTH1A_CONSUMER_KEY');
  if (missing.length > 0)
    throw new OAuth1Error(
      'invalid_config',
      `the ${id} preset needs ${missing.join(', ')} in the environment`,
    );
  const consumer: ConsumerCredentials = { key: key as string };
  if (env.OAUTH1A_CONSUMER_SECRET !== undefined) consumer.secret = env.OAUTH1A_CONSUMER_SECRET;
  const pem = env.OAUTH1A_CONSUMER_PRIVATE_KEY;
  if (pem !== undefined) consumer.privateKey = pem.replace(/\\n/g, '\n');
  const provider = (preset.create as (settings: Record<string, string | boolean>) => ProviderConfig)(
    settings,
  );
  return { provider, consumer };
}
