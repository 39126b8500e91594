/**
 * A clock that moves only when told, for in-page rooms whose time a page or a test sets: the
 * gallery shows a countdown stopped at 12 s, a test runs a deadline without waiting for it.
 * `advance(ms)` runs every timer that comes due, in order of their time.
 */
import type { Clock } from './types.js';

export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(start = 1_750_000_000_000): ManualClock {
  let now = start;
  const timers: { at: number; fn: () => void; done: boolean }[] = [];
  return {
    now: () => now,
    setTimer(fn, ms) {
      const timer = { at: now + ms, fn, done: false };
      timers.push(timer);
      return {
        cancel: () => {
          timer.done = true;
        },
      };
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => !t.done && t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = Math.max(now, due.at);
        due.done = true;
        due.fn();
      }
      now = until;
    },
  };
}
