import { readFileSync } from 'node:fs';
import { defineProvider, type ProviderConfig, validateProviderConfig } from '@oauth1a/core';
import { presets } from '@oauth1a/core/providers';
import { UsageError } from './args.js';

/** How a profile remembers its provider: a preset by name (re-resolved on use) or the config itself. */
export type ProviderSource =
  | { preset: string; settings?: Record<string, string> }
  | { config: ProviderConfig };

export interface ResolvedProvider {
  config: ProviderConfig;
  source: ProviderSource;
}

type PresetEntry = (typeof presets)[keyof typeof presets];

/** A `--provider` value naming a file rather than a preset. */
function looksLikeFile(value: string): boolean {
  return value.endsWith('.json') || value.includes('/') || value.includes('\\');
}

/** The preset names `--provider` accepts, for help and the "unknown preset" message. */
export function presetNames(): string[] {
  return Object.keys(presets);
}

function presetEntry(name: string): PresetEntry | undefined {
  return Object.hasOwn(presets, name) ? presets[name as keyof typeof presets] : undefined;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(
      `cannot read provider file ${path} (${code})`,
      'pass a readable provider JSON file or a preset name',
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`provider file ${path} is not valid JSON`, 'fix the JSON, or pass a preset name');
  }
}

/** A provider definition (declared settings, `{templates}`) rather than a plain ProviderConfig. */
function isDefinition(json: unknown, settings: Record<string, string>): boolean {
  if (Object.keys(settings).length > 0) return true;
  if (typeof json !== 'object' || json === null) return false;
  return 'settings' in json || /\{[A-Za-z]/.test(JSON.stringify(json));
}

/**
 * `--provider <preset|file.json>` with its `--setting k=v` values, validated. A file is a ProviderConfig
 * (`validateProviderConfig`), or a provider definition whose `{templates}` the settings fill (`defineProvider`).
 */
export function resolveProvider(value: string, settings: Record<string, string>): ResolvedProvider {
  if (looksLikeFile(value)) {
    const json = readJson(value);
    const config = isDefinition(json, settings)
      ? defineProvider(json, settings)
      : validateProviderConfig(json);
    return { config, source: { config } };
  }
  const config = fromPreset(value, settings);
  return {
    config,
    source: Object.keys(settings).length === 0 ? { preset: value } : { preset: value, settings },
  };
}

function fromPreset(name: string, settings: Record<string, string>): ProviderConfig {
  const entry = presetEntry(name);
  if (entry === undefined) {
    throw new UsageError(
      `unknown provider preset ${JSON.stringify(name)}`,
      `use one of ${presetNames().join(', ')}, or a provider JSON file such as --provider ./provider.json`,
    );
  }
  if (entry.kind !== 'three-legged') {
    throw new UsageError(
      `${entry.name} is two-legged: there is nothing to authorize`,
      'sign its requests with "oauth1a sign --consumer-key KEY --consumer-secret SECRET URL"',
    );
  }
  const known = new Set(entry.settings.map((setting) => setting.name));
  const unknown = Object.keys(settings).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `${entry.name} has no setting ${unknown.map((key) => JSON.stringify(key)).join(', ')}`,
      known.size === 0
        ? `${entry.name} takes no --setting`
        : `its settings: ${entry.settings.map((s) => `${s.name} (${s.description})`).join('; ')}`,
    );
  }
  const missing = entry.settings.filter(
    (setting) => setting.required && settings[setting.name] === undefined,
  );
  if (missing.length > 0) {
    throw new UsageError(
      `${entry.name} needs ${missing.map((s) => `--setting ${s.name}=...`).join(' and ')}`,
      missing.map((s) => `${s.name}: ${s.description}`).join('; '),
    );
  }
  // The registry's factories each take their own settings type; the checks above stand in for it.
  return (entry.create as (settings: Record<string, string>) => ProviderConfig)(settings);
}

/** The provider a stored profile was authorized with. */
export function storedProvider(source: ProviderSource): ProviderConfig {
  // A file's definition was filled when it was authorized: what is stored is a plain ProviderConfig.
  if ('config' in source) return validateProviderConfig(source.config);
  return fromPreset(source.preset, source.settings ?? {});
}
