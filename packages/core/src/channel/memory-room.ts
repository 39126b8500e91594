/**
 * An authoritative room in memory, speaking protocol v1 through real (JSON) frames, for the demo,
 * the component gallery and tests. Frames are serialized both ways and delivered asynchronously,
 * so a client cannot tell it from a server behind a socket.
 */
import { decodeClientFrame, decodeServerFrame, encodeFrame } from './codec.js';
import type {
  AckFrame,
  ActionError,
  ActionFrame,
  Change,
  ClientFrame,
  HelloFrame,
  RecordValue,
  RoomState,
  ServerFrame,
  ViewerState,
} from './protocol.js';
import type { Transport, TransportHandlers } from './types.js';

export type ViewerMine = ViewerState['mine'];

export type MemoryActionHandler = (
  payload: RecordValue,
  ctx: { viewer: string; mine: ViewerMine; now: number },
) => { result: RecordValue; changes?: Change[]; mine?: ViewerMine };

export interface MemoryRoom {
  readonly room: string;
  /** A Transport connected to this room (one per viewer/tab). `latencyMs` delays frames both ways. */
  transport(options?: { latencyMs?: number }): Transport;
  /** Ops-side change: apply to the authoritative state and broadcast one delta (seq + 1). */
  commit(changes: Change[]): void;
  /** Registers the handler for an action name; it throws an `ActionError`-shaped object to reject. */
  handle(name: string, handler: MemoryActionHandler): void;
  state(): RoomState;
  seq(): number;
  /** Test hook: the next broadcast delta reaches no connection (a gap). */
  dropNextDelta(): void;
  /** Test hook: closes every connection as a network failure would (`retry: true`). */
  disconnectAll(): void;
}

export interface MemoryRoomOptions {
  room: string;
  version?: string;
  state?: RoomState;
  now?: () => number;
}

interface Connection {
  handlers: TransportHandlers;
  latencyMs: number;
  viewer: string | null;
  /** No new frames either way (the server closed it, the client disconnected, the network failed). */
  closed: boolean;
  /** Frames already on the way are lost too (a network failure, or the client let go). */
  cut: boolean;
}

interface Viewer {
  mine: ViewerMine;
  /** The ack of each applied action by idempotency key, replayed for a repeated key. */
  acks: Map<string, AckFrame>;
}

export function createMemoryRoom(options: MemoryRoomOptions): MemoryRoom {
  const { room } = options;
  const version = options.version ?? `mem-${randomId()}`;
  const now = options.now ?? Date.now;
  let state: RoomState = clone(options.state ?? {});
  let seq = 0;
  let dropNext = false;
  const connections = new Set<Connection>();
  const viewers = new Map<string, Viewer>();
  const handlers = new Map<string, MemoryActionHandler>();

  /** Runs `fn` after the connection's latency, always asynchronously, in order. */
  const later = (conn: Connection, fn: () => void) => {
    if (conn.latencyMs > 0) setTimeout(fn, conn.latencyMs);
    else queueMicrotask(fn);
  };

  const deliver = (conn: Connection, frame: ServerFrame) => {
    const text = JSON.stringify(frame);
    if (conn.closed) return;
    later(conn, () => {
      if (conn.cut) return;
      const decoded = decodeServerFrame(text);
      if (decoded.ok) conn.handlers.frame(decoded.frame);
    });
  };

  /** A server-side close; a network failure (`cut`) also loses the frames still in flight. */
  const close = (conn: Connection, code: number, reason: string, retry: boolean, cut = false) => {
    if (conn.closed) return;
    conn.closed = true;
    conn.cut ||= cut;
    connections.delete(conn);
    later(conn, () => {
      conn.cut = true;
      conn.handlers.close({ code, reason, retry });
    });
  };

  /** An error the client cannot fix by retrying: say so, then close with 1008 (no retry). */
  const fatal = (conn: Connection, error: ActionError) => {
    deliver(conn, { t: 'error', ...error, fatal: true });
    close(conn, 1008, error.code, false);
  };

  const viewerOf = (id: string): Viewer => {
    let viewer = viewers.get(id);
    if (!viewer) {
      viewer = { mine: {}, acks: new Map() };
      viewers.set(id, viewer);
    }
    return viewer;
  };

  const snapshot = (conn: Connection, id: string) =>
    deliver(conn, {
      t: 'snapshot',
      room,
      version,
      seq,
      state,
      viewer: { id, mine: viewerOf(id).mine },
      now: now(),
    });

  const applyChanges = (changes: Change[]) => {
    // Copies touched collections, so snapshots already handed out never change under a reader.
    const next = { ...state };
    for (const { coll, id, value } of changes) {
      const records = { ...next[coll] };
      if (value === null) delete records[id];
      else records[id] = clone(value);
      next[coll] = records;
    }
    state = next;
  };

  const commit = (changes: Change[]) => {
    applyChanges(changes);
    seq++;
    const frame: ServerFrame = { t: 'delta', room, version, seq, changes, now: now() };
    if (dropNext) {
      dropNext = false;
      return;
    }
    for (const conn of connections) if (conn.viewer) deliver(conn, frame);
  };

  const hello = (conn: Connection, frame: HelloFrame) => {
    if (frame.room !== room)
      return fatal(conn, { code: 'room_mismatch', message: `this is room "${room}"`, path: 'room' });
    if (conn.viewer)
      return deliver(conn, { t: 'error', code: 'already_joined', message: `already joined room ${room}` });
    // Without a secret to check tokens against, the token's viewer part is taken on trust.
    const fromToken = frame.token?.split('.')[0];
    conn.viewer = fromToken || frame.viewer || `viewer-${randomId()}`;
    snapshot(conn, conn.viewer);
  };

  const action = (conn: Connection, viewerId: string, frame: ActionFrame) => {
    const viewer = viewerOf(viewerId);
    const replay = viewer.acks.get(frame.key);
    if (replay) return deliver(conn, replay);
    const ack = runAction(viewer, viewerId, frame);
    // As on the server, only an applied action is remembered; a refusal changed nothing, so the
    // same key may be tried again (e.g. after a rate limit).
    if (ack.ok) viewer.acks.set(frame.key, ack);
    deliver(conn, ack);
  };

  const runAction = (viewer: Viewer, viewerId: string, frame: ActionFrame): AckFrame => {
    const handler = handlers.get(frame.name);
    if (!handler)
      return fail(frame.key, {
        code: 'unknown_action',
        message: `unknown action "${frame.name}"`,
        path: 'name',
      });
    let outcome: ReturnType<MemoryActionHandler>;
    try {
      outcome = handler(clone(frame.payload), { viewer: viewerId, mine: clone(viewer.mine), now: now() });
    } catch (error) {
      // A handler bug must not take the room down; the viewer gets an error, the console the cause.
      if (isActionError(error)) return fail(frame.key, error);
      console.error(error);
      return fail(frame.key, { code: 'internal_error', message: `action "${frame.name}" failed` });
    }
    // The delta goes out before the ack, so a resolved action's change is already in the client's state.
    if (outcome.changes?.length) commit(outcome.changes);
    const ack: AckFrame = { t: 'ack', key: frame.key, ok: true, result: outcome.result };
    if (outcome.mine) {
      const merged = { ...viewer.mine };
      for (const [coll, records] of Object.entries(outcome.mine))
        merged[coll] = { ...merged[coll], ...records };
      viewer.mine = clone(merged);
      ack.mine = outcome.mine;
    }
    return ack;
  };

  const receive = (conn: Connection, text: string) => {
    if (conn.closed) return;
    const decoded = decodeClientFrame(text);
    if (!decoded.ok) {
      // Like the server: a refused action is acked (the client is waiting on its key), a hello
      // that cannot be understood closes the connection, anything else is an error frame.
      if (decoded.key !== undefined) return deliver(conn, fail(decoded.key, decoded.error));
      if (decoded.error.code === 'unsupported_version') return fatal(conn, decoded.error);
      return deliver(conn, { t: 'error', ...decoded.error });
    }
    const frame: ClientFrame = decoded.frame;
    if (frame.t === 'hello') return hello(conn, frame);
    if (!conn.viewer)
      return deliver(conn, {
        t: 'error',
        code: 'hello_required',
        message: `send a hello frame before "${frame.t}"`,
      });
    if (frame.t === 'ping') return deliver(conn, { t: 'pong', now: now() });
    if (frame.t === 'resync') return snapshot(conn, conn.viewer);
    action(conn, conn.viewer, frame);
  };

  return {
    room,
    transport(transportOptions = {}) {
      let conn: Connection | null = null;
      return {
        connect(connHandlers) {
          const current: Connection = {
            handlers: connHandlers,
            latencyMs: transportOptions.latencyMs ?? 0,
            viewer: null,
            closed: false,
            cut: false,
          };
          conn = current;
          connections.add(current);
          later(current, () => {
            if (!current.cut) connHandlers.open();
          });
        },
        send(frame) {
          const current = conn;
          if (!current || current.closed) return;
          const text = encodeFrame(frame);
          later(current, () => receive(current, text));
        },
        disconnect() {
          if (!conn) return;
          conn.closed = conn.cut = true;
          connections.delete(conn);
          conn = null;
        },
      };
    },
    commit,
    handle(name, handler) {
      handlers.set(name, handler);
    },
    state: () => clone(state),
    seq: () => seq,
    dropNextDelta() {
      dropNext = true;
    },
    disconnectAll() {
      for (const conn of [...connections]) close(conn, 1006, 'network failure', true, true);
    },
  };
}

function fail(key: string, error: ActionError): AckFrame {
  const clean: ActionError = { code: error.code, message: error.message };
  if (error.path !== undefined) clean.path = error.path;
  return { t: 'ack', key, ok: false, error: clean };
}

function isActionError(value: unknown): value is ActionError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Partial<ActionError>;
  return typeof code === 'string' && typeof message === 'string';
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function randomId(): string {
  return Math.random().toString(36).slice(2, 10);
}
