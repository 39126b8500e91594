import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, 500, 15_000, () => 0.999_999);
    expect([0, 1, 2, 3, 4, 5, 6, 30, 2_000].map(top)).toEqual([
      499, 999, 1_999, 3_999, 7_999, 14_999, 14_999, 14_999, 14_999,
    ]);
  });

  it('is full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffDelay(3, 500, 15_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 500, 15_000, () => 0.5)).toBe(2_000);
  });

  it('stays within [0, min(cap, base·2ⁿ)] with the real random source', () => {
    for (let attempt = 0; attempt < 12; attempt++)
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, 500, 15_000);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(15_000, 500 * 2 ** attempt));
      }
  });
});
