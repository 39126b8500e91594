/**
 * The plain-data side of the schema-driven form: paths as the campaign package writes them
 * (`timeline[1].args.poll`), an immutable set at a path, and which branch of a schema applies to a
 * value (`allOf` of `if`/`then`, `oneOf`/`anyOf` by a discriminator).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = Record<string, unknown>;

/** `['timeline', 1, 'args']` → `timeline[1].args`, the package's path format. */
export const pathText = (path: readonly (string | number)[]): string =>
  path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );

/** A copy of `root` with `next` at `path` (`undefined` removes the key or the array item). */
export function setAt(
  root: Json | undefined,
  path: readonly (string | number)[],
  next: Json | undefined,
): Json {
  if (path.length === 0) return next ?? {};
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...root] : [];
    const value = setAt(list[head], rest, next);
    if (rest.length === 0 && next === undefined) list.splice(head, 1);
    else list[head] = value;
    return list;
  }
  const obj: Record<string, Json> =
    root && typeof root === 'object' && !Array.isArray(root) ? { ...(root as Record<string, Json>) } : {};
  if (rest.length === 0 && next === undefined) delete obj[head];
  else obj[head] = setAt(Object.hasOwn(obj, head) ? obj[head] : undefined, rest, next);
  return obj;
}

const propertiesOf = (schema: JsonSchema) => (schema['properties'] ?? {}) as Record<string, JsonSchema>;

/** Whether `value` meets an `if` made of `const` properties (what the campaign schema uses). */
function meets(condition: JsonSchema, value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  return Object.entries(propertiesOf(condition)).every(
    ([key, sub]) => sub['const'] === undefined || (value as Record<string, unknown>)[key] === sub['const'],
  );
}

/** The schema with every `allOf` `if`/`then` that `value` meets merged into its properties. */
export function resolveSchema(schema: JsonSchema, value: unknown): JsonSchema {
  const all = schema['allOf'] as JsonSchema[] | undefined;
  if (!all) return schema;
  const properties = { ...propertiesOf(schema) };
  for (const part of all) {
    const condition = part['if'] as JsonSchema | undefined;
    const then = part['then'] as JsonSchema | undefined;
    if (!condition || !then || !meets(condition, value)) continue;
    // The branch's schema replaces the base one, keeping the base's default (`args` defaults to {}).
    for (const [key, sub] of Object.entries(propertiesOf(then))) {
      const base = properties[key]?.['default'];
      properties[key] = base === undefined || sub['default'] !== undefined ? sub : { ...sub, default: base };
    }
  }
  const { allOf: _, ...rest } = schema;
  return { ...rest, properties };
}

/**
 * Which branch of a `oneOf`/`anyOf` applies: the discriminator is the property every branch fixes
 * with a `const` (`trigger.type`); `index` is -1 when the value names none.
 */
export function variantOf(
  branches: JsonSchema[],
  value: unknown,
): { discriminator: string | null; index: number } {
  const first = branches[0] ? Object.keys(propertiesOf(branches[0])) : [];
  const discriminator =
    first.find((key) => branches.every((b) => propertiesOf(b)[key]?.['const'] !== undefined)) ?? null;
  if (!discriminator) return { discriminator: null, index: -1 };
  const tag =
    value && typeof value === 'object' ? (value as Record<string, unknown>)[discriminator] : undefined;
  return {
    discriminator,
    index: branches.findIndex((b) => propertiesOf(b)[discriminator]!['const'] === tag),
  };
}
