/** Helpers for writing feature definitions: typed identity, and the shapes handlers return. */
import type { Applied, DomainError, FeatureDefinition, Mine, Parsed, Parser, Records } from './types.js';

/** Declares a feature; the identity, typed, so handlers are checked against its records. */
export function defineFeature<R extends Records, M extends Mine = Record<never, never>>(
  definition: FeatureDefinition<R, M>,
): FeatureDefinition<R, M> {
  return definition;
}

/** A refusal: `return refuse('poll_closed', 'poll p1 is closed')`. */
export function refuse(code: string, message: string, path?: string): { ok: false; error: DomainError } {
  return { ok: false, error: path === undefined ? { code, message } : { code, message, path } };
}

/** A success that changes what `rest` says: `return done({ poll }, { changes: [...] })`. */
export function done<R extends Records, M extends Mine, T extends object>(
  result: T,
  rest: Omit<Applied<R, M, T>, 'ok' | 'result'> = {},
): Applied<R, M, T> {
  return { ok: true, result, ...rest };
}

/**
 * A parser for an input holding a nested config: `outer` checks the input, then `inner` checks its
 * `key` (a poll config with its cross-field rules), with issue paths read from the input.
 */
export function withField<T extends object, K extends string, V>(
  outer: Parser<T>,
  key: K,
  inner: (value: unknown) => Parsed<V>,
): Parser<Omit<T, K> & { [P in K]: V }> & { parts: [Parser<T>, K, (value: unknown) => Parsed<V>] } {
  const parse: Parser<Omit<T, K> & { [P in K]: V }> = (input) => {
    const parsed = outer(input);
    if (!parsed.ok) return parsed;
    const value = inner((parsed.value as Record<string, unknown>)[key]);
    if (!value.ok)
      return {
        ok: false,
        issues: value.issues.map((issue) => ({
          ...issue,
          path: issue.path ? `${key}.${issue.path}` : key,
        })),
      };
    return { ok: true, value: { ...parsed.value, [key]: value.value } as Omit<T, K> & { [P in K]: V } };
  };
  // The parts, for tools that describe commands (a campaign editor's JSON Schema reads their `.schema`).
  return Object.assign(parse, {
    parts: [outer, key, inner] as [Parser<T>, K, (value: unknown) => Parsed<V>],
  });
}

/** A command's input from a JSON body and the URL's parameters (a body that is not an object fails). */
export function withParams(body: unknown, params: Record<string, string>): unknown {
  if (body === undefined || body === null) return { ...params };
  return typeof body === 'object' && !Array.isArray(body) ? { ...body, ...params } : body;
}
