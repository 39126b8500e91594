import { describe, expect, it } from 'vitest';
import type { Envelope } from '../src/envelope.js';
import { body, take, trim } from '../src/queue.js';

const event = (seq: number, ts: number, props?: Record<string, unknown>): Envelope => ({
  v: 1,
  id: `id-${seq}`,
  type: 't',
  ts,
  seq,
  session: 's',
  viewer: 'v',
  props,
});
const size = (e: Envelope) => JSON.stringify(e).length;

describe('trim: caps and drop policy (oldest first)', () => {
  const caps = { maxItems: 5, maxBytes: 1e9, maxAge: 1000 };
  it('keeps everything under the caps', () => {
    const items = [event(0, 100), event(1, 200)];
    expect(trim(items, caps, 500, size)).toEqual({ keep: items, drop: [] });
  });
  it('drops the oldest past the item cap, and counts them', () => {
    const items = Array.from({ length: 8 }, (_, i) => event(i, 1000 + i));
    const { keep, drop } = trim(items, caps, 1500, size);
    expect(keep.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(drop).toEqual([['items', items.slice(0, 3)]]);
  });
  it('drops what is older than the age budget', () => {
    const { keep, drop } = trim([event(0, 0), event(1, 600), event(2, 1200)], caps, 1500, size);
    expect(keep.map((e) => e.seq)).toEqual([1, 2]);
    expect(drop).toEqual([['age', [event(0, 0)]]]);
  });
  it('drops the oldest past the byte cap, keeping the newest that fit', () => {
    const items = Array.from({ length: 4 }, (_, i) => event(i, 10 + i, { pad: 'x'.repeat(100) }));
    const one = size(items[0]!);
    const { keep, drop } = trim(items, { ...caps, maxBytes: one * 2 + 5 }, 20, size);
    expect(keep.map((e) => e.seq)).toEqual([2, 3]);
    expect(drop[0]?.[0]).toBe('bytes');
    expect(drop[0]?.[1].map((e) => e.seq)).toEqual([0, 1]);
  });
  it('orders by creation time then seq, whatever the store returned', () => {
    const { keep } = trim([event(2, 5), event(1, 5), event(0, 1)], caps, 10, size);
    expect(keep.map((e) => e.seq)).toEqual([0, 1, 2]);
  });
});

describe('take: batches by count and bytes', () => {
  const items = Array.from({ length: 10 }, (_, i) => event(i, i));
  it('stops at the count', () => {
    expect(take(items, 3, 1e9, size).map((e) => e.seq)).toEqual([0, 1, 2]);
  });
  it('stops at the bytes but never returns an empty batch', () => {
    expect(take(items, 50, size(items[0]!) * 2 + 2, size)).toHaveLength(2);
    expect(take(items, 50, 1, size)).toHaveLength(1);
  });
  it('builds a body with the per-attempt sentAt', () => {
    const json = body([JSON.stringify(items[0])], 42);
    expect(JSON.parse(json)).toEqual({ sentAt: 42, events: [items[0]] });
  });
});
