// The statistics of the Stats API against values from tables and closed forms.
import { describe, expect, it } from 'vitest';
import {
  chiSquareP,
  differenceInterval,
  mad,
  median,
  sampleRatioTest,
  wilson,
} from '../src/collector/stats/math.js';

describe('stats math', () => {
  it('gives chi-square tail probabilities', () => {
    // Table values: the 95th percentiles of χ² with 1, 2 and 10 degrees of freedom.
    expect(chiSquareP(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareP(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
    expect(chiSquareP(18.307038053275146, 10)).toBeCloseTo(0.05, 10);
    // Closed forms: df 2 is exp(−x/2); df 1 is erfc(√(x/2)); far in the tail it stays positive.
    expect(chiSquareP(4, 2)).toBeCloseTo(Math.exp(-2), 12);
    expect(chiSquareP(0, 3)).toBe(1);
    expect(chiSquareP(200, 1)).toBeGreaterThan(0);
    expect(chiSquareP(200, 1)).toBeLessThan(1e-40);
  });

  it('tests a sample ratio', () => {
    // 1,000 vs 1,100 at 1:1: expected 1,050 each, χ² = 2 × 50² / 1050 = 4.7619.
    const test = sampleRatioTest([1000, 1100], [1, 1])!;
    expect(test.chiSquare).toBeCloseTo(4.761904761904762, 12);
    expect(test.p).toBeCloseTo(0.029096, 5);
    expect(sampleRatioTest([0, 0], [1, 1])).toBeNull();
    expect(sampleRatioTest([5], [1])).toBeNull();
  });

  it('gives Wilson and Newcombe intervals', () => {
    // Newcombe (1998), table II: 81/263 → [0.2553, 0.3662]; 0/10 → [0, 0.2775].
    expect(wilson(81, 263)!.low).toBeCloseTo(0.2553, 4);
    expect(wilson(81, 263)!.high).toBeCloseTo(0.3662, 4);
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
    expect(wilson(0, 0)).toBeNull();
    // Newcombe (1998b), example (a): 56/70 − 48/80 = 0.2, method 10 → [0.0524, 0.3339].
    const d = differenceInterval(56, 70, 48, 80)!;
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it('takes medians and MADs', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // Deviations from 2: 1, 1, 0, 2, 7 → median 1.
    expect(mad([1, 3, 2, 4, 9])).toBe(1);
  });
});
