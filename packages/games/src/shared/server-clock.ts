import type { Channel } from '@onair/core/element.js';
import { atom, onMount, type ReadableAtom } from 'nanostores';

/**
 * Server time for a countdown to `endOf(value)`: it ticks when the shown second changes (the
 * deadline's own whole seconds, so every viewer's number flips together), at the deadline, and
 * whenever `$source` changes (a frame that may have corrected the clock); it is still otherwise.
 * `endOf` answers null when nothing counts down.
 */
export function serverClock<T>(
  channel: Channel,
  $source: ReadableAtom<T>,
  endOf: (value: T) => number | null,
): ReadableAtom<number> {
  const $now = atom(channel.serverNow());
  onMount($now, () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      clearTimeout(timer);
      const now = channel.serverNow();
      $now.set(now);
      const end = endOf($source.get());
      if (end !== null && now < end) timer = setTimeout(tick, ((end - now) % 1000 || 1000) + 5);
    };
    const off = $source.subscribe(tick);
    return () => {
      clearTimeout(timer);
      off();
    };
  });
  return $now;
}
