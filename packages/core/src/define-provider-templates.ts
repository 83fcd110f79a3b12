/**
 * `{name}` and `{name|filter|filter}` templates in a provider definition's URLs, realm and params,
 * filled from the settings of one deployment (an account ID, an instance's base URL, a host).
 */

const TEMPLATE = /\{([A-Za-z][A-Za-z0-9_]*)((?:\|[a-z]+)*)\}/g;

/** The filters a template may apply, in order: `{accountId|lower|dashes}`. */
export const TEMPLATE_FILTERS: Readonly<Record<string, (value: string) => string>> = {
  lower: (value) => value.toLowerCase(),
  upper: (value) => value.toUpperCase(),
  /** `_` to `-` (a NetSuite account ID in a host name). */
  dashes: (value) => value.replace(/_/g, '-'),
  /** `-` to `_` (a NetSuite account ID as the realm). */
  underscores: (value) => value.replace(/-/g, '_'),
};

/** One `{...}` in a string: the variable, its filters and where it starts. */
export interface TemplateRef {
  variable: string;
  filters: string[];
  index: number;
}

/** The templates in `text`, in order. */
export function templateRefs(text: string): TemplateRef[] {
  return [...text.matchAll(TEMPLATE)].map((match) => ({
    variable: match[1]!,
    filters: match[2]!.split('|').filter(Boolean),
    index: match.index,
  }));
}

/** `text` with each template replaced by `lookup(ref)` passed through the template's filters. */
export function fillTemplate(text: string, lookup: (ref: TemplateRef) => string): string {
  return text.replace(TEMPLATE, (_whole, variable: string, filters: string, index: number) => {
    const ref: TemplateRef = { variable, filters: filters.split('|').filter(Boolean), index };
    return ref.filters.reduce((value, filter) => TEMPLATE_FILTERS[filter]?.(value) ?? value, lookup(ref));
  });
}
