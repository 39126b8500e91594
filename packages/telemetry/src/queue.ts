import type { Envelope } from './envelope.js';

/** Queue bounds. Past them the oldest events go first: recent behaviour is what ops act on. */
export interface Caps {
  maxItems: number;
  /** Serialized JSON characters across the queue. */
  maxBytes: number;
  /** ms since creation; also the total-age budget for retries. */
  maxAge: number;
}

/** Why an event was dropped; the counts travel as `sdk.dropped` props. */
export type DropReason = 'items' | 'bytes' | 'age' | 'rejected' | 'too_large';

/** Oldest first by creation time, then by seq: the order batches are sent in. */
export const byAge = (a: Envelope, b: Envelope) => a.ts - b.ts || a.seq - b.seq;

/**
 * Split a queue into what stays and what goes, per reason. Pure, so the drop policy is
 * unit-tested without a browser. `size` is injected so callers can cache serializations.
 */
export function trim(
  items: Envelope[],
  caps: Caps,
  now: number,
  size: (e: Envelope) => number,
): { keep: Envelope[]; drop: [DropReason, Envelope[]][] } {
  const sorted = [...items].sort(byAge);
  const old = sorted.filter((e) => now - e.ts > caps.maxAge);
  let keep = sorted.filter((e) => now - e.ts <= caps.maxAge);
  const overItems = keep.slice(0, Math.max(0, keep.length - caps.maxItems));
  keep = keep.slice(overItems.length);
  // Walk from the newest back, keeping what fits in the byte cap.
  let bytes = 0;
  let cut = keep.length;
  while (cut > 0 && bytes + size(keep[cut - 1]!) <= caps.maxBytes) bytes += size(keep[--cut]!);
  const overBytes = keep.slice(0, cut);
  keep = keep.slice(cut);
  return {
    keep,
    drop: (
      [
        ['age', old],
        ['items', overItems],
        ['bytes', overBytes],
      ] as [DropReason, Envelope[]][]
    ).filter(([, list]) => list.length),
  };
}

/** The next batch: oldest first, at most `count` events and `bytes` characters (never empty). */
export function take(
  items: Envelope[],
  count: number,
  bytes: number,
  size: (e: Envelope) => number,
): Envelope[] {
  const out: Envelope[] = [];
  let total = 0;
  for (const e of items) {
    const s = size(e) + 1;
    if (out.length >= count || (out.length && total + s > bytes)) break;
    out.push(e);
    total += s;
  }
  return out;
}

/** The wire body; `sentAt` is stamped here, once per attempt. Items arrive pre-serialized. */
export const body = (json: string[], sentAt: number) => `{"sentAt":${sentAt},"events":[${json.join(',')}]}`;
