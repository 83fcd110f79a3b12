import schemaJson from '../provider.schema.json';
import { type JsonSchema, pointerSegment, validateAgainstSchema } from './define-provider-schema.js';
import {
  type DefinitionProblem,
  declarations,
  isObject,
  type Json,
  type ProviderSettings,
  type SettingDeclaration,
  settingsProblems,
  valueFor,
} from './define-provider-settings.js';
import {
  fillTemplate,
  TEMPLATE_FILTERS,
  type TemplateRef,
  templateRefs,
} from './define-provider-templates.js';
import { OAuth1Error } from './errors.js';
import { type ProviderConfig, validateProviderConfig } from './flow/provider-config.js';

/** `provider.schema.json`, the authoritative shape of a provider definition (also `@oauth1a/core/provider.schema.json`). */
export const PROVIDER_DEFINITION_SCHEMA: JsonSchema = schemaJson as JsonSchema;

export type { DefinitionProblem, ProviderSettings, SettingDeclaration };

/** Consumer credentials a connection needs (what a connection form asks for). */
export type ConsumerField = 'key' | 'secret' | 'privateKey';

/**
 * A provider as plain JSON: a `ProviderConfig` whose URLs, realm and params may hold `{templates}`,
 * plus the settings that fill them and metadata for a platform that stores and lists definitions.
 */
export interface ProviderDefinition extends ProviderConfig {
  $schema?: string;
  /** The provider documentation the definition follows. */
  docs?: string;
  /** Default `['key', 'secret']`; RSA methods need `privateKey`. */
  consumerFields?: ConsumerField[];
  settings?: Record<string, SettingDeclaration>;
}

const URL_FIELDS = ['requestTokenUrl', 'authorizeUrl', 'accessTokenUrl'] as const;
const PARAM_FIELDS = ['requestTokenParams', 'authorizeParams', 'accessTokenParams'] as const;
const METADATA = new Set(['$schema', 'docs', 'consumerFields', 'settings']);

/** Every string that may hold templates, by JSON pointer, and whether it is a URL. */
function templatedStrings(definition: Json): { pointer: string; text: string; url: boolean }[] {
  const found: { pointer: string; text: string; url: boolean }[] = [];
  const add = (pointer: string, value: unknown, url: boolean) => {
    if (typeof value === 'string') found.push({ pointer, text: value, url });
  };
  for (const field of URL_FIELDS) add(`/${field}`, definition[field], true);
  add('/realm', definition.realm, false);
  if (isObject(definition.profile)) add('/profile/url', definition.profile.url, true);
  if (isObject(definition.revoke)) add('/revoke/url', definition.revoke.url, true);
  const api = definition.apiBaseUrl;
  if (Array.isArray(api)) for (const [index, url] of api.entries()) add(`/apiBaseUrl/${index}`, url, true);
  else add('/apiBaseUrl', api, true);
  for (const field of PARAM_FIELDS) {
    const params = definition[field];
    if (!isObject(params)) continue;
    for (const [name, value] of Object.entries(params))
      add(`/${field}/${pointerSegment(name)}`, value, false);
  }
  return found;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Every problem with a provider definition, each at its JSON pointer: the JSON Schema
 * (`provider.schema.json`), then its templates (declared variables, known filters, URLs that stay
 * absolute http(s) once filled). With `settings`, also the values for one deployment.
 */
export function providerDefinitionProblems(
  definition: unknown,
  settings?: ProviderSettings,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = validateAgainstSchema(PROVIDER_DEFINITION_SCHEMA, definition);
  if (!isObject(definition)) return problems;
  const declared = declarations(definition);
  const fill = valueFor(declared, settings);
  const faulty = new Set(problems.map((problem) => problem.pointer));
  for (const { pointer, text, url } of templatedStrings(definition)) {
    const before = problems.length;
    for (const ref of templateRefs(text)) {
      if (!(ref.variable in declared)) {
        const known = Object.keys(declared).join(', ') || 'none';
        problems.push({
          pointer,
          message: `unknown template variable {${ref.variable}}; declare it under /settings (declared: ${known})`,
        });
      }
      for (const filter of ref.filters) {
        if (!(filter in TEMPLATE_FILTERS))
          problems.push({
            pointer,
            message: `unknown template filter |${filter}; use ${Object.keys(TEMPLATE_FILTERS).join(', ')}`,
          });
      }
    }
    if (url && problems.length === before && !faulty.has(pointer)) {
      const filled = fillTemplate(text, fill);
      if (!isHttpUrl(filled))
        problems.push({ pointer, message: `must be an absolute http(s) URL once filled (got "${filled}")` });
    }
  }
  problems.push(...settingsProblems(declared, settings));
  return problems;
}

function fillStrings(value: unknown, fill: (ref: TemplateRef) => string): unknown {
  if (typeof value === 'string') return fillTemplate(value, fill);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillStrings(item, fill)]));
}

/**
 * A `ProviderConfig` from a provider definition given as plain JSON (stored in a database, edited in a
 * UI): validated against `provider.schema.json`, its `{templates}` filled from `settings`. Every
 * problem is reported at once, with its JSON pointer, in one `invalid_config` error.
 */
export function defineProvider(definition: unknown, settings: ProviderSettings = {}): ProviderConfig {
  const problems = providerDefinitionProblems(definition, settings);
  if (problems.length > 0 || !isObject(definition)) {
    const id = isObject(definition) && typeof definition.id === 'string' ? ` "${definition.id}"` : '';
    const list = problems.map((problem) => `${problem.pointer || '/'}: ${problem.message}`).join('; ');
    throw new OAuth1Error('invalid_config', `provider definition${id} is invalid: ${list}`);
  }
  const fill = valueFor(declarations(definition), settings);
  const config: Json = {};
  for (const [key, value] of Object.entries(definition)) {
    if (METADATA.has(key)) continue;
    if ((key === 'profile' || key === 'revoke') && isObject(value))
      config[key] = { ...value, url: fillStrings(value.url, fill) };
    else if (key === 'apiBaseUrl' && Array.isArray(value))
      config[key] = value.map((url) => fillStrings(url, fill));
    else if (key === 'expiry' || key === 'tokenFields' || key === 'accountFields' || key === 'verifierParam')
      config[key] = value; // field names, never templates
    else config[key] = key === 'id' || key === 'name' ? value : fillStrings(value, fill);
  }
  return validateProviderConfig(config);
}
