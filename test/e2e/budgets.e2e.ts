// Size budgets that bite: every public entry, measured as the bench measures it (exact brotli
// bytes of everything the entry can load), against test/bench/budgets.json.
import { describe, expect, it } from 'vitest';
import { ourSizes } from '../bench/src/sizes.js';

const rows = await ourSizes();

describe('size budgets (brotli bytes)', () => {
  it('every public entry has a budget', () => {
    expect(rows.filter((row) => row.budget === undefined).map((row) => row.id)).toEqual([]);
  });

  for (const row of rows)
    it(`${row.id}: ${row.brotli.toLocaleString('en')} within ${row.budget?.toLocaleString('en')}`, () => {
      expect(row.brotli).toBeLessThanOrEqual(row.budget ?? 0);
    });
});
