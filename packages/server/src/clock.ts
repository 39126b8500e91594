/**
 * Wall-clock time and deadline timers (poll countdowns, flash-sale ends), injectable so tests can
 * move time instead of sleeping. Rate limits and delta coalescing use real monotonic time, not this
 * clock. The `Clock` contract is the feature hosts' (`@onair/core/feature.js`).
 */
import type { Clock } from '@onair/core/feature.js';

export type { Clock };
export type Timer = ReturnType<Clock['setTimer']>;

/** Longest delay `setTimeout` takes (about 24.8 days); longer waits re-arm. */
const MAX_DELAY = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    let handle: NodeJS.Timeout;
    const arm = (left: number) => {
      handle = setTimeout(() => (left > MAX_DELAY ? arm(left - MAX_DELAY) : fn()), Math.min(left, MAX_DELAY));
    };
    arm(Math.max(0, ms));
    return { cancel: () => clearTimeout(handle) };
  },
};
