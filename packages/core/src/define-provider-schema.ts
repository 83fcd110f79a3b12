/**
 * A small JSON Schema (2020-12) validator for the keywords `provider.schema.json` uses, and no more:
 * `$ref` (local `#/$defs/...`), `type`, `properties`, `required`, `additionalProperties`,
 * `propertyNames`, `enum`, `const`, `pattern`, `minLength`, `items`, `contains`, `uniqueItems`,
 * `allOf`, `anyOf`, `minItems` and `if`/`then`. A schema's `x-message` annotation is the message of its failures.
 * It collects every problem, each with the JSON pointer (RFC 6901) of the value at fault.
 */

/** The subset of JSON Schema this validator understands. */
export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'boolean' | 'number';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  items?: JsonSchema;
  contains?: JsonSchema;
  uniqueItems?: boolean;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minItems?: number;
  if?: JsonSchema;
  then?: JsonSchema;
  $defs?: Record<string, JsonSchema>;
  'x-message'?: string;
  [annotation: string]: unknown;
}

/** One schema violation: the JSON pointer of the value at fault and what is wrong with it. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

/** The keywords this validator implements; a test checks the shipped schema uses no other. */
export const SUPPORTED_KEYWORDS: readonly string[] = [
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'enum',
  'const',
  'pattern',
  'minLength',
  'items',
  'contains',
  'uniqueItems',
  'allOf',
  'anyOf',
  'minItems',
  'if',
  'then',
];

/** RFC 6901: `~` and `/` escaped in one pointer segment. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === 'object';
}

function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const match = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
  const target = match === null ? undefined : root.$defs?.[match[1]!];
  if (target === undefined) throw new Error(`provider schema: unresolvable $ref ${schema.$ref}`);
  const { $ref: _ref, ...own } = schema;
  return { ...target, ...own };
}

function quoteList(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/**
 * Every way `value` breaks `schema` (default: the root schema), each with its JSON pointer; empty when
 * it conforms. `root` resolves `$ref`s.
 */
export function validateAgainstSchema(
  root: JsonSchema,
  value: unknown,
  schema: JsonSchema = root,
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  visit(root, schema, value, '', problems);
  return problems;
}

function visit(root: JsonSchema, raw: JsonSchema, value: unknown, pointer: string, out: SchemaProblem[]) {
  const schema = resolve(root, raw);
  const fail = (fallback: string, at = pointer) =>
    out.push({ pointer: at, message: schema['x-message'] ?? fallback });
  if (schema.type !== undefined && typeOf(value) !== schema.type) {
    fail(`must be ${schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type}`);
    return;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value))
    fail(`must be one of ${quoteList(schema.enum)}`);
  if ('const' in schema && value !== schema.const) fail(`must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) fail('must not be empty');
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      fail(`must match ${schema.pattern}`);
  }
  if (Array.isArray(value)) visitArray(root, schema, value, pointer, out, fail);
  if (isObject(value)) visitObject(root, schema, value, pointer, out);
  for (const part of schema.allOf ?? []) visit(root, part, value, pointer, out);
  if (schema.anyOf !== undefined) visitAnyOf(root, schema.anyOf, value, pointer, out, schema['x-message']);
  if (schema.if !== undefined && schema.then !== undefined) {
    if (validateAgainstSchema(root, value, schema.if).length === 0)
      visit(root, schema.then, value, pointer, out);
  }
}

/** Fine when one branch fits; otherwise the problems of the branch that came closest (fewest). */
function visitAnyOf(
  root: JsonSchema,
  branches: JsonSchema[],
  value: unknown,
  pointer: string,
  out: SchemaProblem[],
  message: string | undefined,
) {
  const results = branches.map((branch) => {
    const problems: SchemaProblem[] = [];
    visit(root, branch, value, pointer, problems);
    return problems;
  });
  if (results.some((problems) => problems.length === 0)) return;
  if (message !== undefined) {
    out.push({ pointer, message });
    return;
  }
  const closest = results.reduce((best, problems) => (problems.length < best.length ? problems : best));
  out.push(...closest);
}

function visitArray(
  root: JsonSchema,
  schema: JsonSchema,
  value: unknown[],
  pointer: string,
  out: SchemaProblem[],
  fail: (fallback: string) => void,
) {
  if (schema.minItems !== undefined && value.length < schema.minItems)
    fail(`must hold at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
  const items = schema.items;
  if (items !== undefined)
    for (const [index, item] of value.entries()) visit(root, items, item, `${pointer}/${index}`, out);
  if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length)
    fail('must not repeat an item');
  if (schema.contains !== undefined) {
    const contains = schema.contains;
    if (!value.some((item) => validateAgainstSchema(root, item, contains).length === 0))
      fail(`must contain an item that is ${JSON.stringify(contains.const ?? contains)}`);
  }
}

function visitObject(
  root: JsonSchema,
  schema: JsonSchema,
  value: Record<string, unknown>,
  pointer: string,
  out: SchemaProblem[],
) {
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) {
      const own = properties[name];
      const message = own === undefined ? undefined : resolve(root, own)['x-message'];
      out.push({
        pointer: `${pointer}/${pointerSegment(name)}`,
        message: `is required${message === undefined ? '' : ` and ${message}`}`,
      });
    }
  }
  for (const [name, item] of Object.entries(value)) {
    const at = `${pointer}/${pointerSegment(name)}`;
    if (schema.propertyNames !== undefined) {
      for (const problem of validateAgainstSchema(root, name, schema.propertyNames))
        out.push({ pointer: at, message: `(the name) ${problem.message}` });
    }
    const own = properties[name];
    if (own !== undefined) {
      visit(root, own, item, at, out);
    } else if (schema.additionalProperties === false) {
      out.push({
        pointer: at,
        message: `is not a known field (known: ${Object.keys(properties).join(', ')})`,
      });
    } else if (typeof schema.additionalProperties === 'object') {
      visit(root, schema.additionalProperties, item, at, out);
    }
  }
}
