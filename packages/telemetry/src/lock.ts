import { uuidv7 } from './uuid.js';

/**
 * One owner for the shared queue across tabs. Web Locks give it for free: the lock is released
 * when the holder's tab closes or crashes, and the next waiting tab takes over. Without Web
 * Locks, a lease in localStorage renewed every second stands in (a takeover can overlap by one
 * renewal; the collector's dedupe absorbs the rare double send).
 */
export function lead(name: string, onLead: (leading: boolean) => void): () => void {
  const locks = globalThis.navigator?.locks;
  if (locks) {
    let release = () => {};
    let cancelled = false;
    locks
      .request(name, () => {
        if (cancelled) return;
        onLead(true);
        return new Promise<void>((r) => {
          release = r;
        });
      })
      .catch(() => {});
    return () => {
      cancelled = true;
      release();
    };
  }
  const me = uuidv7();
  let leading = false;
  const renew = () => {
    try {
      const [owner, until] = (localStorage.getItem(name) ?? '').split(' ');
      const mine = owner === me || !owner || Number(until) < Date.now();
      if (mine) localStorage.setItem(name, `${me} ${Date.now() + 3000}`);
      // A tab that lost a takeover race steps down on its next renewal.
      if (mine !== leading) {
        leading = mine;
        onLead(mine);
      }
    } catch {
      // No storage at all: the memory store is per tab, so this tab owns its own queue.
      if (!leading) {
        leading = true;
        onLead(true);
      }
    }
  };
  renew();
  const timer = setInterval(renew, 1000);
  return () => {
    clearInterval(timer);
    try {
      if (localStorage.getItem(name)?.startsWith(me)) localStorage.removeItem(name);
    } catch {}
  };
}
