/**
 * Presence, from the minute rollup: who was there (`viewers`: distinct viewer ids with any event in
 * the range), how many per minute (concurrency, for incidents), and each viewer's dwell (the sum of
 * their heartbeats' `dwell`). A viewer counts once whatever the sampling: any event shows they were
 * there. Dwell sums heartbeats weighted by 1 / rate, so sampled heartbeats make it an estimate.
 */
import { median, ratio } from './math.js';
import { type PresenceRow, type StatsSource, seenIn } from './source.js';

export interface Presence {
  viewers: Set<string>;
  /** Distinct viewers per epoch minute with any. */
  concurrent: Map<number, number>;
  /** Dwell ms per viewer with heartbeats. */
  dwell: Map<string, number>;
  dwellEstimated: boolean;
}

export function readPresence(source: StatsSource): Presence {
  const viewers = new Set<string>();
  const concurrent = new Map<number, number>();
  const dwell = new Map<string, number>();
  // Without a campaign filter a viewer has a row per campaign in a minute: count them once.
  const lastMinute = new Map<string, number>();
  let dwellEstimated = false;
  source.presence((row: PresenceRow) => {
    viewers.add(row.viewer);
    if (lastMinute.get(row.viewer) !== row.minute) {
      lastMinute.set(row.viewer, row.minute);
      concurrent.set(row.minute, (concurrent.get(row.minute) ?? 0) + 1);
    }
    if (row.beats > 0) {
      dwell.set(row.viewer, (dwell.get(row.viewer) ?? 0) + row.dwell);
      if (row.beatMinRate < 1) dwellEstimated = true;
    }
  });
  return { viewers, concurrent, dwell, dwellEstimated };
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
