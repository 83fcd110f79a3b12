// Settings: how a definition declares its template variables, and the values given for one deployment.
import { pointerSegment } from './define-provider-schema.js';
import type { TemplateRef } from './define-provider-templates.js';

/** How to fill one template variable. A setting without `default` is required. */
export interface SettingDeclaration {
  description?: string;
  /** A regular expression every value must match. */
  pattern?: string;
  default?: string;
  example?: string;
}

/** The values of a definition's settings for one deployment, e.g. `{ accountId: '1234567-SB1' }`. */
export type ProviderSettings = Readonly<Record<string, string>>;

/** One problem with a definition (or with the settings given for it), at a JSON pointer. */
export interface DefinitionProblem {
  pointer: string;
  message: string;
}

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The definition's settings declarations (none when absent or malformed). */
export function declarations(definition: Json): Record<string, SettingDeclaration> {
  return isObject(definition.settings) ? (definition.settings as Record<string, SettingDeclaration>) : {};
}

function compile(pattern: string | undefined): RegExp | undefined | 'invalid' {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return 'invalid';
  }
}

/** Problems with the settings: declarations, and (when given) the values for one deployment. */
export function settingsProblems(
  declared: Record<string, SettingDeclaration>,
  settings: ProviderSettings | undefined,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const [name, declaration] of Object.entries(declared)) {
    const at = `/settings/${pointerSegment(name)}`;
    if (!isObject(declaration)) continue;
    const pattern = compile(typeof declaration.pattern === 'string' ? declaration.pattern : undefined);
    if (pattern === 'invalid') {
      problems.push({ pointer: `${at}/pattern`, message: 'is not a valid regular expression' });
      continue;
    }
    for (const key of ['default', 'example'] as const) {
      const sample = declaration[key];
      if (typeof sample === 'string' && pattern !== undefined && !pattern.test(sample))
        problems.push({ pointer: `${at}/${key}`, message: `must match ${declaration.pattern}` });
    }
    if (settings === undefined) continue;
    const value = settings[name] ?? declaration.default;
    const hint = [declaration.description, declaration.example && `e.g. "${declaration.example}"`];
    if (value === undefined) {
      const detail = hint.filter(Boolean).join(', ');
      problems.push({ pointer: at, message: `needs a value${detail ? ` (${detail})` : ''}` });
    } else if (typeof value !== 'string') {
      problems.push({ pointer: at, message: 'must be given a string value' });
    } else if (pattern !== undefined && !pattern.test(value)) {
      problems.push({
        pointer: at,
        message: `value ${JSON.stringify(value)} must match ${declaration.pattern}`,
      });
    }
  }
  for (const name of Object.keys(settings ?? {})) {
    if (!(name in declared)) {
      const known = Object.keys(declared).join(', ') || 'none';
      problems.push({
        pointer: `/settings/${pointerSegment(name)}`,
        message: `was given, but the definition declares no such setting (declared: ${known})`,
      });
    }
  }
  return problems;
}

/** The value of each template: the setting given, its default, else a stand-in (checking a definition alone). */
export function valueFor(
  declared: Record<string, SettingDeclaration>,
  settings: ProviderSettings | undefined,
) {
  return (ref: TemplateRef): string => {
    const declaration = declared[ref.variable];
    const value = settings?.[ref.variable] ?? declaration?.default;
    if (value !== undefined) return value;
    // Checking a definition on its own: stand-ins that make a well-formed URL.
    return declaration?.example ?? (ref.index === 0 ? 'https://example.invalid' : 'example');
  };
}
