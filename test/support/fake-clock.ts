/** A clock tests move by hand: `advance(ms)` runs every timer that comes due, in order of their time. */
import type { Clock } from '@onair/core/feature.js';

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function fakeClock(start = 1_750_000_000_000): FakeClock {
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

/** A seeded uniform random in [0, 1) (mulberry32), so two hosts draw the same numbers. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
