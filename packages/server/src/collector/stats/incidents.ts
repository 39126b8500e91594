/**
 * Player stalls from the host-reported `player.stall` (`durationMs`) per epoch minute, against the
 * change in concurrent viewers (distinct viewers with any event in the minute, from presence):
 * `change` = viewers this minute − viewers the minute before (null for the range's first minute).
 */
import { minuteOf, numberProp, type Section, Tally } from './event.js';

/** One stall counts for at most 10 minutes of stalling: longer is a broken report, not a stall. */
export const MAX_STALL_MS = 600_000;

export interface IncidentMinute {
  minute: number;
  stalls: number;
  stalledMs: number;
  viewers: number;
  viewersBefore: number | null;
  change: number | null;
}

export function incidents(
  range: { from: number },
  concurrent: (minute: number) => number,
): Section<{ minutes: IncidentMinute[]; stalls: number; estimated: boolean }> {
  const perMinute = new Map<number, { stalls: Tally; stalledMs: Tally }>();
  const all = new Tally();
  return {
    types: ['player.stall'],
    add(e) {
      const duration = numberProp(e.props, 'durationMs');
      const minute = minuteOf(e.ts);
      let m = perMinute.get(minute);
      if (!m) {
        m = { stalls: new Tally(), stalledMs: new Tally() };
        perMinute.set(minute, m);
      }
      m.stalls.add(e.rate);
      all.add(e.rate);
      if (duration !== null && duration > 0) m.stalledMs.add(e.rate, Math.min(duration, MAX_STALL_MS));
    },
    result() {
      const first = minuteOf(range.from);
      return {
        minutes: [...perMinute]
          .sort(([a], [b]) => a - b)
          .map(([minute, m]) => {
            const now = concurrent(minute);
            const before = minute > first ? concurrent(minute - 1) : null;
            return {
              minute,
              stalls: m.stalls.value,
              stalledMs: m.stalledMs.value,
              viewers: now,
              viewersBefore: before,
              change: before === null ? null : now - before,
            };
          }),
        stalls: all.value,
        estimated: all.estimated,
      };
    },
  };
}
