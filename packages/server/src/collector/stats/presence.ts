/**
 * Presence, from the minute rollup: who was there (`viewers`: distinct viewer ids with any event in
 * the range), how many in a minute (concurrency, for incidents), and each viewer's dwell (the sum of
 * their heartbeats' `dwell`). A viewer counts once whatever the sampling: any event shows they were
 * there. Dwell sums heartbeats weighted by 1 / rate, so sampled heartbeats make it an estimate.
 */
import { median, ratio } from './math.js';
import { type StatsSource, seenIn } from './source.js';

export interface Presence {
  viewers: Set<string>;
  /** Distinct viewers with any event in an epoch minute (asked of the rollup, remembered). */
  concurrent(minute: number): number;
  /** Dwell ms per viewer with heartbeats. */
  dwell: Map<string, number>;
  dwellEstimated: boolean;
}

export function readPresence(source: StatsSource): Presence {
  const viewers = new Set<string>();
  const dwell = new Map<string, number>();
  let dwellEstimated = false;
  for (const row of source.viewers()) {
    viewers.add(row.viewer);
    if (row.beats > 0) {
      dwell.set(row.viewer, row.dwell);
      if (row.beatMinRate < 1) dwellEstimated = true;
    }
  }
  const concurrent = new Map<number, number>();
  return {
    viewers,
    concurrent(minute) {
      let n = concurrent.get(minute);
      if (n === undefined) {
        n = source.concurrent(minute);
        concurrent.set(minute, n);
      }
      return n;
    },
    dwell,
    dwellEstimated,
  };
}

export interface DwellResult {
  /** Viewers with at least one heartbeat. */
  viewers: number;
  meanMs: number | null;
  medianMs: number | null;
  estimated: boolean;
}

export function dwellOf(presence: Presence): DwellResult {
  const values = [...presence.dwell.values()];
  const total = values.reduce((a, b) => a + b, 0);
  return {
    viewers: values.length,
    meanMs: values.length ? Math.round(total / values.length) : null,
    medianMs: values.length ? Math.round(median(values)) : null,
    estimated: presence.dwellEstimated,
  };
}

export interface ReturningResult {
  /** Viewers of the range also seen in the 7 (30) days before `from`, and their share of `viewers`. */
  days7: { viewers: number; share: number | null };
  days30: { viewers: number; share: number | null };
}

const DAY = 86_400_000;

export function returningOf(presence: Presence, source: StatsSource, from: number): ReturningResult {
  let week = 0;
  let month = 0;
  for (const viewer of presence.viewers) {
    const rows = source.days(viewer, from - 30 * DAY, from);
    if (seenIn(rows, from - 7 * DAY, from)) week++;
    if (seenIn(rows, from - 30 * DAY, from)) month++;
  }
  const total = presence.viewers.size;
  return {
    days7: { viewers: week, share: ratio(week, total) },
    days30: { viewers: month, share: ratio(month, total) },
  };
}
