import { readFileSync } from 'node:fs';
import { type ProviderConfig, validateProviderConfig } from '@oauth1a/core';
import { UsageError } from './args.js';

/** How a profile remembers its provider: a preset by name (re-resolved on use) or the config itself. */
export type ProviderSource =
  | { preset: string; settings?: Record<string, string> }
  | { config: ProviderConfig };

export interface ResolvedProvider {
  config: ProviderConfig;
  source: ProviderSource;
}

/** A `--provider` value naming a file rather than a preset. */
function looksLikeFile(value: string): boolean {
  return value.endsWith('.json') || value.includes('/') || value.includes('\\');
}

/** Preset names, for the "unknown preset" message. */
export function presetNames(): string[] {
  return [];
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

/** `--provider <preset|file.json>` with its `--setting k=v` values, validated. */
export function resolveProvider(value: string, settings: Record<string, string>): ResolvedProvider {
  if (looksLikeFile(value)) {
    const config = validateProviderConfig(readJson(value));
    return { config, source: { config } };
  }
  return fromPreset(value, settings);
}

function fromPreset(name: string, _settings: Record<string, string>): ResolvedProvider {
  const names = presetNames();
  throw new UsageError(
    `unknown provider preset ${JSON.stringify(name)}`,
    names.length === 0
      ? 'pass a provider JSON file such as --provider ./provider.json'
      : `use one of ${names.join(', ')}, or a provider JSON file such as --provider ./provider.json`,
  );
}

/** The provider a stored profile was authorized with. */
export function storedProvider(source: ProviderSource): ProviderConfig {
  if ('config' in source) return validateProviderConfig(source.config);
  return fromPreset(source.preset, source.settings ?? {}).config;
}
