/**
 * Config and message validation on valibot, with error paths written the way a developer reads
 * them (`options[2].label`) and messages that can be shown in either built-in language.
 *
 * Schema builders below put a message *key* (`text|1|40`) into valibot's message slot; `describe()`
 * turns a key into words in the requested locale. Keys keep the schemas locale-free, so the same
 * schema validates on the server (English) and in the widget (the viewer's language).
 */
import * as v from 'valibot';
import { isReservedKey } from '../protocol/keys.js';
import type { ValidationIssue } from './issue.js';
import { describe, formatIssue } from './messages.js';

export type { ValidationIssue };
export { describe, formatIssue };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function keyOf(issue: v.BaseIssue<unknown>): string {
  // A strict object reports an unexpected key with the key itself in the path.
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown';
  // A missing required key arrives as a type issue on `undefined`.
  if (issue.received === 'undefined' && issue.kind === 'schema' && issue.path?.length) return 'required';
  return issue.message;
}

/** Validate `input`; on failure every issue carries its full path and a message key. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): ParseResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: result.issues.map((issue) => ({ path: pathOf(issue), key: keyOf(issue) })) };
}

/**
 * A feature's `parse`: validates against `schema`, issues relative to the input. The schema rides
 * along as `.schema`, so tools that describe commands (a campaign editor's JSON Schema) can read it.
 */
export function parser<S extends v.GenericSchema>(
  schema: S,
): ((input: unknown) => ParseResult<v.InferOutput<S>>) & { schema: S } {
  return Object.assign((input: unknown) => parse(schema, input), { schema });
}

// ── Schema builders with limits on every string and list ─────────────────────

export const text = (min: number, max: number) =>
  v.pipe(
    v.string(`text|${min}|${max}`),
    v.trim(),
    v.minLength(min, `text|${min}|${max}`),
    v.maxLength(max, `text|${min}|${max}`),
  );

export const int = (min: number, max: number) =>
  v.pipe(
    v.number(`int|${min}|${max}`),
    v.integer(`int|${min}|${max}`),
    v.minValue(min, `int|${min}|${max}`),
    v.maxValue(max, `int|${min}|${max}`),
  );

export const list = <S extends v.GenericSchema>(item: S, min: number, max: number) =>
  v.pipe(
    v.array(item, `list|${min}|${max}`),
    v.minLength(min, `list|${min}|${max}`),
    v.maxLength(max, `list|${min}|${max}`),
  );

export const oneOf = <const T extends readonly string[]>(values: T) =>
  v.picklist(values, `oneOf|${values.join(', ')}`);

/** An id: 1–`max` of `[A-Za-z0-9_-]`, never a name that reaches an object's prototype. */
export const id = (max = 64) =>
  v.pipe(
    v.string(`id|${max}`),
    v.regex(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`), `id|${max}`),
    v.check((value) => !isReservedKey(value), 'reserved'),
  );

export const bool = () => v.boolean('bool');

export const strict = <E extends v.ObjectEntries>(entries: E) => v.strictObject(entries, 'object');

/** Only absolute http(s) URLs: `javascript:`, `data:` and relative URLs are rejected. */
export const httpUrl = () =>
  v.pipe(
    v.string('url'),
    v.maxLength(2048, 'url'),
    v.check((value) => {
      try {
        const { protocol } = new URL(value);
        return protocol === 'http:' || protocol === 'https:';
      } catch {
        return false;
      }
    }, 'url'),
  );

export const unique = <T>() => v.check((values: T[]) => new Set(values).size === values.length, 'unique');

/** valibot itself, for server code; browser code imports `valibot` directly so it tree-shakes. */
export { v };
