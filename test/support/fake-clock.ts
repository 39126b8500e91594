/** A clock tests move by hand (the in-page room's manual clock), and seeded randomness. */
export { type ManualClock as FakeClock, manualClock as fakeClock } from '@onair/core/local-room.js';

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
