import { join, resolve } from 'node:path';

/** The bench package (`test/bench`). */
export const BENCH = resolve(import.meta.dirname, '..');
/** The repository root. */
export const ROOT = resolve(BENCH, '../..');
export const RESULTS = join(BENCH, 'results');
