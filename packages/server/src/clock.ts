/**
 * Wall-clock time and deadline timers for poll countdowns, injectable so tests can move time
 * instead of sleeping. Rate limits and delta coalescing use real monotonic time, not this clock.
 */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` once `ms` have passed on this clock. */
  setTimer(fn: () => void, ms: number): Timer;
}

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
