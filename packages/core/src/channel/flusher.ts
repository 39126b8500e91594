/**
 * Coalesces many "state changed" signals into one publish per frame: a busy room can send hundreds
 * of deltas a second, and listeners should render at most once per frame.
 */
export interface Flusher {
  /** Ask for a flush on the next scheduled tick; repeated requests before it share one flush. */
  request(): void;
  /** Flush now and forget the scheduled tick. */
  now(): void;
}

export function createFlusher(flush: () => void, schedule?: (run: () => void) => void): Flusher {
  // Each request gets a ticket, so a tick scheduled before `now()` cannot flush a later batch early.
  let ticket = 0;
  let scheduled = false;
  let cancel: (() => void) | null = null;

  const tick = (mine: number) => {
    if (!scheduled || mine !== ticket) return;
    scheduled = false;
    cancel = null;
    flush();
  };

  return {
    request() {
      if (scheduled) return;
      scheduled = true;
      const mine = ++ticket;
      if (schedule) schedule(() => tick(mine));
      else cancel = defaultSchedule(() => tick(mine));
    },
    now() {
      cancel?.();
      cancel = null;
      scheduled = false;
      ticket++;
      flush();
    },
  };
}

/** An animation frame in browsers (paused in background tabs, which is fine); 16 ms elsewhere. */
function defaultSchedule(run: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(run);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(run, 16);
  return () => clearTimeout(id);
}
