/**
 * Capped exponential backoff with full jitter: attempt `n` waits a uniformly random time in
 * `[0, min(cap, base · 2ⁿ)]`. Full jitter spreads a room's viewers out after a server restart
 * instead of having them reconnect in waves.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  // 2ⁿ overflows to Infinity for large n, which Math.min turns back into the cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
