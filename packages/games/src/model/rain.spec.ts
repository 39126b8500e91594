// The red-packet rain's rules on their own: the documented split (any budget, count and minimum),
// the config's cross-field rule, when a grab is refused and how the top grabbers rank.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/fake-clock.js';
import { applyGrab, createRain, grabRefusal, type MyRain, statusAt } from './rain.js';
import { RAIN_LIMITS, validateRainConfig } from './rain-schema.js';
import { splitBudget, splitProblem } from './rain-split.js';

const T0 = 1_800_000_000_000;

/** Any splittable budget/count/minimum, from a 1-coin budget to the largest a rain allows. */
const splittable = fc
  .record({
    count: fc.integer({ min: 1, max: RAIN_LIMITS.count.max }),
    minimum: fc.integer({ min: 1, max: 50_000 }),
    extra: fc.integer({ min: 0, max: RAIN_LIMITS.budget.max }),
    seed: fc.integer(),
  })
  .map(({ count, minimum, extra, seed }) => ({
    count,
    minimum,
    budget: Math.min(RAIN_LIMITS.budget.max, count * minimum + extra),
    seed,
  }))
  .filter(({ count, minimum, budget }) => count * minimum <= budget);

describe('splitBudget', () => {
  it('sums to the budget exactly, holds the floor and makes exactly `count` whole packets', () => {
    fc.assert(
      fc.property(splittable, ({ budget, count, minimum, seed }) => {
        const packets = splitBudget(budget, count, minimum, seededRandom(seed));
        expect(packets).toHaveLength(count);
        expect(packets.reduce((a, b) => a + b, 0)).toBe(budget);
        expect(packets.every((p) => Number.isInteger(p) && p >= minimum)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for any randomness, even the ends of [0, 1) and a broken 1', () => {
    fc.assert(
      fc.property(
        splittable,
        fc.array(fc.constantFrom(0, 0.999_999_999, 1, 0.5), { minLength: 1 }),
        ({ budget, count, minimum }, draws) => {
          let i = 0;
          const packets = splitBudget(budget, count, minimum, () => draws[i++ % draws.length]!);
          expect(packets.reduce((a, b) => a + b, 0)).toBe(budget);
          expect(Math.min(...packets)).toBeGreaterThanOrEqual(minimum);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is "double the mean": every packet but the last is at most floor + 2 × the spare mean', () => {
    const packets = splitBudget(10_000, 100, 10, seededRandom(7));
    let left = 10_000;
    packets.slice(0, -1).forEach((p, i) => {
      const n = 100 - i;
      expect(p).toBeLessThanOrEqual(10 + Math.floor((2 * (left - n * 10)) / n));
      left -= p;
    });
    // Not all equal: the split is random.
    expect(new Set(packets).size).toBeGreaterThan(10);
  });

  it('gives the same packets for the same seed (every host draws alike)', () => {
    expect(splitBudget(5_000, 50, 20, seededRandom(3))).toEqual(splitBudget(5_000, 50, 20, seededRandom(3)));
  });

  it('refuses an impossible split with the field at fault', () => {
    expect(() => splitBudget(100, 11, 10, Math.random)).toThrow(RangeError);
    expect(splitProblem(100, 11, 10)).toMatchObject({ path: 'minimum', most: 9 });
    expect(splitProblem(100, 10, 10)).toBeNull();
    expect(splitProblem(0, 1, 1)).toMatchObject({ path: 'budget' });
    expect(splitProblem(10, 1.5, 1)).toMatchObject({ path: 'count' });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (count, minimum, budget) => {
          expect(splitProblem(budget, count, minimum) === null).toBe(count * minimum <= budget);
        },
      ),
    );
  });
});

describe('validateRainConfig', () => {
  const base = { id: 'r1', unit: 'coins', budget: 1_000, count: 10 };

  it('fills the defaults', () => {
    expect(validateRainConfig(base)).toEqual({
      ok: true,
      value: { ...base, minimum: 1, maxPerViewer: 3, durationMs: 20_000 },
    });
  });

  it('names the field of an impossible or out-of-range config', () => {
    expect(validateRainConfig({ ...base, minimum: 101 })).toEqual({
      ok: false,
      issues: [{ path: 'minimum', key: 'int|1|100' }],
    });
    expect(validateRainConfig({ ...base, budget: 5, count: 10 })).toEqual({
      ok: false,
      issues: [{ path: 'count', key: 'int|1|5' }],
    });
    expect(validateRainConfig({ ...base, count: 2_001 })).toMatchObject({ issues: [{ path: 'count' }] });
    expect(validateRainConfig({ ...base, durationMs: 4_999 })).toMatchObject({
      issues: [{ path: 'durationMs', key: 'int|5000|60000' }],
    });
    expect(validateRainConfig({ ...base, unit: 'cash' })).toMatchObject({ issues: [{ path: 'unit' }] });
    expect(validateRainConfig({ ...base, extra: 1 })).toMatchObject({ issues: [{ path: 'extra' }] });
  });
});

describe('grabs', () => {
  const config = validateRainConfig({
    id: 'r1',
    unit: 'points',
    budget: 100,
    count: 3,
    maxPerViewer: 2,
    startsAt: T0 + 1_000,
  });
  if (!config.ok) throw new Error('config');
  const rain = createRain(config.value, T0, { currency: 'POINTS', digits: 0 });

  it('follows the server clock: scheduled, raining, ended', () => {
    expect(rain.status).toBe('scheduled');
    expect(grabRefusal(rain, undefined, T0 + 999)?.code).toBe('rain_not_started');
    expect(statusAt(rain, T0 + 1_000)).toBe('raining');
    expect(grabRefusal(rain, undefined, T0 + 1_000)).toBeNull();
    expect(grabRefusal(rain, undefined, rain.endsAt)?.code).toBe('rain_ended');
    expect(grabRefusal({ ...rain, status: 'cancelled' }, undefined, T0 + 1_000)?.code).toBe('rain_cancelled');
  });

  it('refuses a grab faster than a person and past the per-viewer cap', () => {
    const at = T0 + 2_000;
    const mine: MyRain = { packets: [10], total: 10, last: at };
    expect(grabRefusal(rain, mine, at + RAIN_LIMITS.grabIntervalMs - 1)?.code).toBe('grab_too_fast');
    expect(grabRefusal(rain, mine, at + RAIN_LIMITS.grabIntervalMs)).toBeNull();
    expect(grabRefusal(rain, { ...mine, packets: [10, 20] }, at + 1_000)?.code).toBe('grab_limit');
  });

  it('ends when the last packet goes, and ranks grabbers by total, then packets, then first come', () => {
    let r = applyGrab(rain, undefined, { id: 'a', name: 'A' }, 30, T0 + 1_000);
    const b = applyGrab(r.rain, undefined, { id: 'b', name: 'B' }, 30, T0 + 1_100);
    expect(b.rain.top.map((t) => t.id)).toEqual(['a', 'b']);
    r = applyGrab(b.rain, r.mine, { id: 'a', name: 'A' }, 40, T0 + 1_200);
    expect(r.rain).toMatchObject({ status: 'ended', grabbed: 3, paid: 100, grabbers: 2 });
    expect(r.rain.top).toEqual([
      { id: 'a', name: 'A', total: 70, packets: 2 },
      { id: 'b', name: 'B', total: 30, packets: 1 },
    ]);
    expect(grabRefusal(r.rain, undefined, T0 + 1_300)?.code).toBe('rain_empty');
  });
});
