/**
 * Where cluster mode keeps things in Redis. Every key of a room carries the hash tag `{r:<room>}`,
 * so a room's keys live on one Redis Cluster shard and one Lua script may touch them all; a
 * viewer's wallet (private records every room shares) is keyed by the viewer instead.
 *
 * Room ids are `[A-Za-z0-9_-]` (checked before they get here): no `{` or `}` to break the tag.
 */

export interface RoomKeys {
  /** The owner's lease: its fencing token, with an expiry the owner keeps renewing. */
  lease: string;
  /** The counter fencing tokens are drawn from: a new owner's token is always larger. */
  fence: string;
  /** `version`, `seq` (of the last delta), `pos` (the last inbox entry applied), `logseq`. */
  meta: string;
  /** Every record of the room as stored: field `coll\nid`, value JSON. */
  records: string;
  /** Records changed since the last delta (`coll\nid`): a new owner sends them again. */
  dirty: string;
  /** Actions and ops requests for the owner, from every node. */
  inbox: string;
  /** Viewers with private records in the room (for a feature's `forget`). */
  viewers: string;
  /** Pub/sub channel of the room's deltas, to every node with viewers in it. */
  deltas: string;
  /** A viewer's private records of this room: field `coll\nid`. */
  mine(viewer: string): string;
  /** The acks of a viewer's keys in this room, kept as long as a key may be replayed. */
  acks(viewer: string): string;
  /** A feature's log of this room, a Stream. */
  log(name: string): string;
}

export function roomKeys(room: string): RoomKeys {
  const p = `onair:{r:${room}}`;
  return {
    lease: `${p}:lease`,
    fence: `${p}:fence`,
    meta: `${p}:meta`,
    records: `${p}:records`,
    dirty: `${p}:dirty`,
    inbox: `${p}:inbox`,
    viewers: `${p}:viewers`,
    deltas: `${p}:deltas`,
    mine: (viewer) => `${p}:mine:${viewer}`,
    acks: (viewer) => `${p}:acks:${viewer}`,
    log: (name) => `${p}:log:${name}`,
  };
}

/** The private records of a viewer that every room shares (a wallet): field `coll\nid`. */
export const walletKey = (viewer: string): string => `onair:wallet:${viewer}`;

/** Where a node hears the answers to the requests it forwarded. */
export const nodeChannel = (node: string): string => `onair:node:${node}`;

/** A record's field in the room's hashes. */
export const field = (coll: string, id: string): string => `${coll}\n${id}`;

export function splitField(value: string): { coll: string; id: string } {
  const at = value.indexOf('\n');
  return { coll: value.slice(0, at), id: value.slice(at + 1) };
}
