/**
 * Deterministic sampling: a viewer either always or never sends a given event type at a given
 * rate, so funnels stay whole per viewer and a reload does not re-roll the dice.
 */

/** FNV-1a 32-bit: tiny, fast, and well spread for short keys. */
export function hash(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Rate for a type: a number for all, or a map by type with `*` as the fallback; default 1. */
export type SampleRate = number | Record<string, number>;

export function rateFor(rate: SampleRate | undefined, type: string): number {
  const r = typeof rate === 'object' ? (rate[type] ?? rate['*']) : rate;
  return r === undefined ? 1 : Math.min(Math.max(r, 0), 1);
}

/** True when the (key, type) pair falls inside `rate`. `key` is the viewer id, else the session id. */
export function sampled(key: string, type: string, rate: number): boolean {
  return rate >= 1 || hash(`${key}:${type}`) / 2 ** 32 < rate;
}
