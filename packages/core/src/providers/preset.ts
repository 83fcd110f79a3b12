import { defineProvider, type ProviderDefinition, type ProviderSettings } from '../define-provider.js';
import type { ProviderConfig } from '../flow/provider-config.js';

/** Other endpoints for a preset: a proxy, a staging host, or the mock provider in tests. */
export interface PresetUrls {
  requestTokenUrl?: string;
  authorizeUrl?: string;
  accessTokenUrl?: string;
  profileUrl?: string;
}

/** Options every preset factory takes besides its own settings. */
export interface PresetOptions {
  /** Replaces the preset's endpoint URLs (each one given); every other quirk stays. */
  urls?: PresetUrls;
}

/** One setting of a preset factory, as a CLI or a connection form lists it. */
export interface PresetSetting {
  name: string;
  required: boolean;
  description: string;
  /** A yes/no setting (default: a string). */
  boolean?: true;
}

/** What a platform shows about a preset: its settings, quirks and the documentation it follows. */
export interface PresetMeta {
  id: string;
  name: string;
  kind: 'three-legged' | 'two-legged';
  docs: string;
  quirks: string;
  settings: PresetSetting[];
}

/** `config` with the endpoints of `urls` (those given) in place of its own. */
export function withUrls(config: ProviderConfig, urls: PresetUrls = {}): ProviderConfig {
  const next: ProviderConfig = { ...config };
  if (urls.requestTokenUrl !== undefined) next.requestTokenUrl = urls.requestTokenUrl;
  if (urls.authorizeUrl !== undefined) next.authorizeUrl = urls.authorizeUrl;
  if (urls.accessTokenUrl !== undefined) next.accessTokenUrl = urls.accessTokenUrl;
  if (urls.profileUrl !== undefined && next.profile !== undefined)
    next.profile = { ...next.profile, url: urls.profileUrl };
  return next;
}

/** A preset's definition filled with `settings`, then pointed at `urls`. */
export function fromDefinition(
  definition: ProviderDefinition,
  settings: ProviderSettings,
  urls: PresetUrls | undefined,
): ProviderConfig {
  return withUrls(defineProvider(definition, settings), urls);
}

/** `params` without the entries whose value is undefined (optional settings not given). */
export function defined(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
