/** What both room hosts (one node on SQLite, a cluster's owner on Redis) do alike with a viewer's records and acks. */
import type { MineMap } from '@onair/core/feature.js';
import { byteLength, type Change, MAX_FRAME_BYTES } from '@onair/core/protocol.js';

/** A viewer's private records: this room's, with the ones every room shares (the wallet) on top. */
export function mergeMine(room: MineMap, shared: MineMap): MineMap {
  const out: MineMap = { ...room };
  for (const [coll, records] of Object.entries(shared)) out[coll] = { ...out[coll], ...records };
  return out;
}

/** The stored ack with the current changes added, unless that would pass the frame limit. */
export function withChanges(ack: string, changes: Change[]): string {
  if (!changes.length) return ack;
  const full = `${ack.slice(0, -1)},"changes":${JSON.stringify(changes)}}`;
  return byteLength(full) <= MAX_FRAME_BYTES ? full : ack;
}
