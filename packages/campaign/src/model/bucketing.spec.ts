import { GrowthBook } from '@growthbook/growthbook';
import { describe, expect, it } from 'vitest';
import { assignVariation, bucketRanges, chooseVariation, hash } from './bucketing.js';

/** Ids as hosts make them: anonymous viewer ids, signed user ids, odd Unicode. */
const ids = Array.from({ length: 10_000 }, (_, i) =>
  i % 3 === 0 ? `viewer-${(i * 2654435761).toString(36)}` : i % 3 === 1 ? `u${i}` : `观众-${i}-😀`,
);

const experiments: { key: string; weights: number[]; coverage: number; seed?: string }[] = [
  { key: 'promo-label', weights: [0.5, 0.5], coverage: 1 },
  { key: 'poll-text', weights: [0.2, 0.3, 0.5], coverage: 1 },
  { key: 'shelf-mix', weights: [0.1, 0.9], coverage: 0.4 },
  { key: 'four-way', weights: [0.25, 0.25, 0.25, 0.25], coverage: 0.75, seed: 'fixed-seed' },
  { key: 'skewed', weights: [0.7, 0.2, 0.1], coverage: 1, seed: 'another' },
];

/** GrowthBook's own answer: its SDK running the experiment for the id. */
function growthbook(experiment: (typeof experiments)[number], id: string): number {
  const gb = new GrowthBook({ attributes: { id } });
  const result = gb.run({
    key: experiment.key,
    variations: experiment.weights.map((_, i) => i) as [number, number, ...number[]],
    weights: experiment.weights,
    coverage: experiment.coverage,
    hashVersion: 2,
    ...(experiment.seed ? { seed: experiment.seed } : {}),
  });
  gb.destroy();
  return result.inExperiment ? result.variationId : -1;
}

const ours = (experiment: (typeof experiments)[number], id: string) =>
  assignVariation({ ...experiment, variations: experiment.weights }, id);

describe('GrowthBook bucketing', () => {
  it('hashes as GrowthBook v2 for known values', () => {
    // Fixed points, computed once with @growthbook/growthbook 1.8.0's own `hash(seed, value, 2)`.
    expect(hash('', 'a')).toBe(0.0216);
    expect(hash('', 'b')).toBe(0.9054);
    expect(hash('seed', 'a')).toBe(0.0505);
  });

  it('lays out ranges as getBucketRanges', () => {
    expect(bucketRanges(2, 1, [0.5, 0.5])).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    expect(bucketRanges(3, 0.5, [0.2, 0.3, 0.5])).toEqual([
      [0, 0.1],
      [0.2, 0.35],
      [0.5, 0.75],
    ]);
    // Weights not summing to 1 and a coverage out of bounds fall back as GrowthBook's do.
    expect(bucketRanges(2, 2, [0.9, 0.9])).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    expect(chooseVariation(0.5, bucketRanges(2, 0.5))).toBe(1);
    expect(chooseVariation(0.3, bucketRanges(2, 0.5))).toBe(-1);
  });

  it('agrees with @growthbook/growthbook on 10,000 ids in every experiment', () => {
    let compared = 0;
    for (const experiment of experiments)
      for (const id of ids) {
        expect.soft(ours(experiment, id), `${experiment.key} ${id}`).toBe(growthbook(experiment, id));
        compared += 1;
      }
    expect(compared).toBe(50_000);
  });

  it('gives each variation its weighted share of the covered viewers (chi-square, p = 0.001)', () => {
    // Critical values of chi-square at p = 0.001 by degrees of freedom: a fair split fails 1 in 1000.
    const critical: Record<number, number> = { 1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47 };
    for (const experiment of experiments) {
      const counts = experiment.weights.map(() => 0);
      let excluded = 0;
      for (const id of ids) {
        const variation = ours(experiment, id);
        if (variation < 0) excluded += 1;
        else counts[variation]! += 1;
      }
      // Categories: each variation at coverage × weight, plus "not in the experiment".
      const expected = [...experiment.weights.map((w) => w * experiment.coverage * ids.length)];
      const observed = [...counts];
      if (experiment.coverage < 1) {
        expected.push((1 - experiment.coverage) * ids.length);
        observed.push(excluded);
      } else expect(excluded).toBe(0);
      const chi = observed.reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0);
      expect(chi, `${experiment.key}: ${observed.join('/')} vs ${expected.join('/')}`).toBeLessThan(
        critical[observed.length - 1]!,
      );
    }
  });

  it('detects a split that does not follow the weights', () => {
    // The same test must fail for a biased assignment: 55/45 judged against 50/50.
    const observed = [5_500, 4_500];
    const chi = observed.reduce((sum, o) => sum + (o - 5_000) ** 2 / 5_000, 0);
    expect(chi).toBeGreaterThan(10.83);
  });

  it('is sticky: the same id gets the same variation every time, seeds change the split', () => {
    const experiment = experiments[1]!;
    const first = ids.map((id) => ours(experiment, id));
    expect(ids.map((id) => ours(experiment, id))).toEqual(first);
    const reseeded = ids.map((id) => ours({ ...experiment, seed: 'other-seed' } as never, id));
    expect(reseeded.filter((v, i) => v !== first[i]).length).toBeGreaterThan(4_000);
  });
});
