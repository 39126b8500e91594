// Snapshot parts: every collection is named in the first part, also an empty one that comes after
// a collection spilling over into later parts, so a client knows the room has it.
import { describe, expect, it } from 'vitest';
import { splitState } from './split.js';

describe('splitState', () => {
  it('names every collection in the first part, whatever the order', () => {
    const big = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`r${i}`, { text: 'x'.repeat(200) }]),
    );
    const parts = splitState({ first: {}, big, last: {} }, 2_000);
    expect(parts.length).toBeGreaterThan(3);
    expect(Object.keys(parts[0]!).sort()).toEqual(['big', 'first', 'last']);
    const merged: Record<string, Record<string, object>> = {};
    for (const part of parts)
      for (const [coll, records] of Object.entries(part)) merged[coll] = { ...merged[coll], ...records };
    expect(merged).toEqual({ first: {}, big, last: {} });
    for (const part of parts) expect(JSON.stringify(part).length).toBeLessThanOrEqual(2_000);
  });
});
