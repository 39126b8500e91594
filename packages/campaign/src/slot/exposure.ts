/**
 * `experiment.exposure` once per viewer and variation: the first `<onair-slot>` that shows a
 * variation sends it; later slots, reloads and reconnects of the same viewer do not. Remembered in
 * memory and, where the page allows it, in localStorage.
 */
const sent = new Set<string>();
const PREFIX = 'onair:exposed:';

function stored(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) === '1';
  } catch {
    return false; // storage blocked (privacy mode, sandboxed frame): memory only
  }
}

function remember(key: string): void {
  sent.add(key);
  try {
    globalThis.localStorage?.setItem(PREFIX + key, '1');
  } catch {
    // memory only
  }
}

/** True the first time for this room, viewer, experiment and variation (then remembered). */
export function firstExposure(room: string, viewer: string, experiment: string, variation: string): boolean {
  const key = JSON.stringify([room, viewer, experiment, variation]);
  if (sent.has(key) || stored(key)) return false;
  remember(key);
  return true;
}

/** Forgets every exposure (tests). */
export function resetExposures(): void {
  sent.clear();
  try {
    for (const key of Object.keys(globalThis.localStorage ?? {}))
      if (key.startsWith(PREFIX)) globalThis.localStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}
