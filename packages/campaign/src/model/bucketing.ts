/**
 * Variation assignment with GrowthBook's hashing (hash version 2), so a viewer gets the same
 * variation here as in GrowthBook's SDKs for the same id and experiment: `hash`, `bucketRanges` and
 * `chooseVariation` follow its `hash`, `getBucketRanges` and `chooseVariation` step for step
 * (checked against `@growthbook/growthbook` in bucketing.spec.ts). Pure and tiny, so the server, the
 * in-page room and the browser compute it alike.
 */

/** FNV-1a, 32 bit, over UTF-16 code units as GrowthBook hashes them. */
export function fnv1a32(text: string): number {
  let hval = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hval ^= text.charCodeAt(i);
    hval += (hval << 1) + (hval << 4) + (hval << 7) + (hval << 8) + (hval << 24);
  }
  return hval >>> 0;
}

/** GrowthBook's hash version 2: a number in [0, 1) with 4 decimals, unbiased for any seed. */
export function hash(seed: string, value: string): number {
  return (fnv1a32(`${fnv1a32(seed + value)}`) % 10000) / 10000;
}

export type Range = readonly [number, number];

/**
 * Each variation's `[start, end)` of the hash: weights laid end to end, each range cut to
 * `coverage` of its weight. As GrowthBook: coverage is clamped to [0, 1], and weights of the wrong
 * count or not summing to 1 (±0.01) fall back to equal weights (preflight reports both).
 */
export function bucketRanges(count: number, coverage = 1, weights?: readonly number[]): Range[] {
  const cover = Math.min(1, Math.max(0, coverage));
  const equal = count > 0 ? new Array<number>(count).fill(1 / count) : [];
  let chosen = weights ?? equal;
  if (chosen.length !== count) chosen = equal;
  const total = chosen.reduce((sum, w) => sum + w, 0);
  if (total < 0.99 || total > 1.01) chosen = equal;
  let cumulative = 0;
  return chosen.map((w) => {
    const start = cumulative;
    cumulative += w;
    return [start, start + cover * w] as const;
  });
}

/** The index of the range `n` falls in, or -1 (outside the coverage). */
export function chooseVariation(n: number, ranges: readonly Range[]): number {
  for (let i = 0; i < ranges.length; i++) if (n >= ranges[i]![0] && n < ranges[i]![1]) return i;
  return -1;
}

export interface BucketedExperiment {
  key: string;
  seed?: string | undefined;
  coverage?: number | undefined;
  weights: readonly number[];
  variations: readonly unknown[];
}

/** The variation index a viewer id gets in an experiment, or -1 when not in it. */
export function assignVariation(experiment: BucketedExperiment, viewerId: string): number {
  const n = hash(experiment.seed ?? experiment.key, viewerId);
  return chooseVariation(
    n,
    bucketRanges(experiment.variations.length, experiment.coverage ?? 1, experiment.weights),
  );
}
