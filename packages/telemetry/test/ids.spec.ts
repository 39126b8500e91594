import { describe, expect, it } from 'vitest';
import { hash, rateFor, sampled } from '../src/sampling.js';
import { uuidv7 } from '../src/uuid.js';

describe('uuidv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, timestamp first', () => {
    const ts = Date.parse('2025-06-01T12:00:00.123Z');
    const id = uuidv7(ts);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ts);
  });
  it('sorts by creation time and does not repeat', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => uuidv7())).size).toBe(10_000);
  });
});

describe('sampling', () => {
  it('is deterministic per (viewer, type)', () => {
    for (let i = 0; i < 200; i++) {
      const viewer = `viewer-${i}`;
      expect(sampled(viewer, 'poll.vote', 0.3)).toBe(sampled(viewer, 'poll.vote', 0.3));
    }
  });
  it('keeps close to the rate across viewers', () => {
    const kept = Array.from({ length: 10_000 }, (_, i) =>
      sampled(`v${i}`, 'product.impression', 0.25),
    ).filter(Boolean).length;
    expect(kept).toBeGreaterThan(2300);
    expect(kept).toBeLessThan(2700);
  });
  it('keeps a viewer once sampled in at a higher rate (monotonic in rate)', () => {
    for (let i = 0; i < 500; i++)
      if (sampled(`v${i}`, 'x', 0.1)) expect(sampled(`v${i}`, 'x', 0.5)).toBe(true);
  });
  it('keeps everything at 1 and nothing at 0', () => {
    expect(sampled('a', 'b', 1)).toBe(true);
    expect(Array.from({ length: 100 }, (_, i) => sampled(`v${i}`, 't', 0)).some(Boolean)).toBe(false);
  });
  it('reads rates per type with a fallback and clamps them', () => {
    expect(rateFor(undefined, 'x')).toBe(1);
    expect(rateFor(0.5, 'x')).toBe(0.5);
    expect(rateFor({ 'product.impression': 0.1, '*': 0.8 }, 'product.impression')).toBe(0.1);
    expect(rateFor({ 'product.impression': 0.1, '*': 0.8 }, 'poll.vote')).toBe(0.8);
    expect(rateFor({ 'product.impression': 0.1 }, 'poll.vote')).toBe(1);
    expect(rateFor(7, 'x')).toBe(1);
  });
  it('hashes with FNV-1a (known vector)', () => {
    expect(hash('a')).toBe(0xe40c292c);
  });
});
