/**
 * Regions from the host-reported `viewer.region` (`region`, a code the host chooses such as
 * `CN-31`): each viewer of the range counts once, under the latest region reported for them in
 * the range; viewers without one are `unknown`. At most `MAX_REGIONS` regions (most viewers first).
 */
import { type Section, textProp, top } from './event.js';
import { ratio } from './math.js';

export const MAX_REGIONS = 50;

export interface RegionsResult {
  regions: { region: string; viewers: number; share: number | null }[];
  regionsLeftOut: number;
  unknown: number;
}

export function regions(viewers: () => ReadonlySet<string>): Section<RegionsResult> {
  const latest = new Map<string, string>();
  return {
    types: ['viewer.region'],
    add(e) {
      const region = textProp(e.props, 'region', 64);
      // Events of one type arrive oldest first: the last one set wins.
      if (region !== null) latest.set(e.viewer, region);
    },
    result() {
      const all = viewers();
      const counts = new Map<string, number>();
      let unknown = 0;
      for (const viewer of all) {
        const region = latest.get(viewer);
        if (region === undefined) unknown++;
        else counts.set(region, (counts.get(region) ?? 0) + 1);
      }
      const { kept, leftOut } = top(counts, (n) => n, MAX_REGIONS);
      return {
        regions: kept.map(([region, n]) => ({ region, viewers: n, share: ratio(n, all.size) })),
        regionsLeftOut: leftOut,
        unknown,
      };
    },
  };
}
