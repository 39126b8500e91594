/** Helpers for writing feature definitions: typed identity, and the shapes handlers return. */
import type { Applied, DomainError, FeatureDefinition, Mine, Records } from './types.js';

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
