import { describe, expect, it } from 'vitest';
import { backoff, classify, retryAfter } from '../src/retry.js';

describe('classify: the retry table', () => {
  it.each([
    [200, 'ok'],
    [202, 'ok'],
    [204, 'ok'],
    [0, 'retry'], // network error, reset, CORS failure
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [599, 'retry'],
    [413, 'split'],
    [501, 'drop'],
    [505, 'drop'],
    [400, 'drop'],
    [401, 'drop'],
    [403, 'drop'],
    [404, 'drop'],
    [409, 'drop'],
    [415, 'drop'],
    [422, 'drop'],
    [301, 'drop'], // fetch follows redirects; one left over is not transient
    [100, 'drop'],
  ])('%i → %s', (status, outcome) => {
    expect(classify(status)).toBe(outcome);
  });
});

describe('backoff', () => {
  it('stays inside [0, min(cap, base·2^attempt)) for every draw', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const bound = Math.min(30_000, 1000 * 2 ** attempt);
      expect(backoff(attempt, 1000, 30_000, 0)).toBe(0);
      expect(backoff(attempt, 1000, 30_000, 0.999999)).toBe(Math.floor(0.999999 * bound));
      const sample = backoff(attempt, 1000, 30_000);
      expect(sample).toBeGreaterThanOrEqual(0);
      expect(sample).toBeLessThan(bound);
    }
  });

  it('grows exponentially until the cap', () => {
    expect(backoff(0, 100, 10_000, 0.5)).toBe(50);
    expect(backoff(3, 100, 10_000, 0.5)).toBe(400);
    expect(backoff(30, 100, 10_000, 0.5)).toBe(5000);
  });

  it('spreads clients that failed together (full jitter)', () => {
    const draws = new Set(Array.from({ length: 50 }, () => backoff(5, 1000, 30_000)));
    expect(draws.size).toBeGreaterThan(40);
  });
});

describe('retryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds', () => {
    expect(retryAfter('5', now, 60_000)).toBe(5000);
    expect(retryAfter(' 0 ', now, 60_000)).toBe(0);
  });
  it('reads an HTTP-date relative to now', () => {
    expect(retryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now, 60_000)).toBe(10_000);
  });
  it('clamps a date in the past to 0 and a far one to the maximum', () => {
    expect(retryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now, 60_000)).toBe(0);
    expect(retryAfter('86400', now, 60_000)).toBe(60_000);
    expect(retryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now, 60_000)).toBe(60_000);
  });
  it('ignores absent or unreadable values', () => {
    expect(retryAfter(null, now, 60_000)).toBeUndefined();
    expect(retryAfter('', now, 60_000)).toBeUndefined();
    expect(retryAfter('soon', now, 60_000)).toBeUndefined();
    expect(retryAfter('-5', now, 60_000)).toBeUndefined();
  });
});
