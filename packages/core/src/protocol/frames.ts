/**
 * Onair live channel protocol, version 1 — the wire types and limits shared by the browser client,
 * the in-page room and the reference server. `PROTOCOL.md` beside this package documents the same
 * messages for porters. No runtime dependencies: servers import it as it is.
 *
 * A room's state is a map of collections (`polls`, `products`, `gifts`, …), each a map of records
 * by id. Records are replaced whole by id, never patched or appended.
 */

export const PROTOCOL_VERSION = 1;

/** Largest frame either side accepts, in bytes of UTF-8 JSON. */
export const MAX_FRAME_BYTES = 16 * 1024;

/** Limits of the envelope fields (the payload's own limits belong to each action). */
export const LIMITS = {
  /** Room and viewer ids: 1–64 of `[A-Za-z0-9_-]`. */
  id: 64,
  /** Idempotency keys: 1–128 characters. */
  key: 128,
  /** Action names: 1–64 characters. */
  name: 64,
  /** Signed viewer tokens: 1–512 characters. */
  token: 512,
  /** Anonymous credentials: 1–64 characters. */
  credential: 64,
} as const;

/** What a room or viewer id looks like on the wire. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type RecordValue = Record<string, unknown>;
export type Collection = Record<string, RecordValue>;
export type RoomState = Record<string, Collection>;

/** One record replaced (`value`) or removed (`value: null`). */
export interface Change {
  coll: string;
  id: string;
  value: RecordValue | null;
}

/** Viewer-specific state that rides with the snapshot and acks, outside the room sequence. */
export interface ViewerState {
  /** The viewer's public id: what other viewers may see of them (a gift's sender). */
  id: string;
  /**
   * An anonymous viewer's credential: keep it, send it back in `hello.credential` to stay the same
   * viewer, show it to nobody. Absent for viewers with a host-issued token.
   */
  credential?: string;
  /** Per collection, per record: whatever the server remembers for this viewer (e.g. own votes). */
  mine: Record<string, Record<string, unknown>>;
}

// ── client → server ──────────────────────────────────────────────────────────

export interface HelloFrame {
  t: 'hello';
  v: typeof PROTOCOL_VERSION;
  room: string;
  /** The anonymous credential the server gave this viewer (`viewer.credential`), to stay the same viewer. */
  credential?: string;
  /**
   * Release 0.1's anonymous viewer id: proves nothing, so servers that check identities ignore it;
   * the in-page room takes it as the viewer's id.
   */
  viewer?: string;
  /** Host-issued signed viewer token (`<viewerId>.<expiresAtMs>[.<room>].<base64url hmac>`). */
  token?: string;
}

export interface ResyncFrame {
  t: 'resync';
  /** Last seq the client applied, for the server's logs. */
  have?: number;
}

export interface ActionFrame {
  t: 'action';
  /** Idempotency key: the same key always gets the first result and changes nothing again. */
  key: string;
  name: string;
  payload: RecordValue;
}

export interface PingFrame {
  t: 'ping';
}

export type ClientFrame = HelloFrame | ResyncFrame | ActionFrame | PingFrame;

// ── server → client ──────────────────────────────────────────────────────────

export interface SnapshotFrame {
  t: 'snapshot';
  room: string;
  /** Changes when the room's history restarts (e.g. a server without durable storage restarted). */
  version: string;
  /** Seq of the last delta folded into this snapshot; the next delta has seq + 1. */
  seq: number;
  state: RoomState;
  viewer: ViewerState;
  /** Server time, epoch ms, for countdowns that do not trust the viewer's clock. */
  now: number;
  /**
   * A snapshot too large for one frame comes in `parts` frames, `part` 0 first, each with some of
   * the records (the first names every collection); apply them together once the last arrived.
   */
  part?: number;
  parts?: number;
}

export interface DeltaFrame {
  t: 'delta';
  room: string;
  version: string;
  seq: number;
  changes: Change[];
  now: number;
}

export interface ActionError {
  /** Stable machine code, e.g. `poll_closed`, `already_voted`, `rate_limited`, `invalid_action`. */
  code: string;
  /** Human-readable English text naming the field or reason. */
  message: string;
  /** Field path the error is about, when there is one (`payload.choice[0]`). */
  path?: string;
}

/**
 * The answer to one action, sent to the acting connection only and always before the delta that
 * carries the same change to everyone. `changes` holds the current public value of every record the
 * action changed, so the acting viewer renders the new state at once; a replayed ack (a key seen
 * before) carries none, since the state it would show may be stale.
 */
export type AckFrame =
  | {
      t: 'ack';
      key: string;
      ok: true;
      result: RecordValue;
      mine?: ViewerState['mine'];
      changes?: Change[];
    }
  | { t: 'ack'; key: string; ok: false; error: ActionError };

/** A frame-level problem (malformed JSON, unknown type, oversize, rate limit, bad token). */
export interface ErrorFrame {
  t: 'error';
  code: string;
  message: string;
  path?: string;
  /** True when the server is about to close the connection. */
  fatal?: boolean;
}

export interface PongFrame {
  t: 'pong';
  now: number;
}

export type ServerFrame = SnapshotFrame | DeltaFrame | AckFrame | ErrorFrame | PongFrame;
