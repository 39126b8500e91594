/**
 * The in-page room as frames: a `Transport` for the network channel client, serializing every
 * frame both ways and delivering it asynchronously, so the client cannot tell the room from a
 * server behind a socket. For the client's own tests and for demos that want real frames and
 * latency; static embeds use `LocalRoom.connect()` instead.
 */
import type { Transport, TransportHandlers } from '../channel/types.js';
import { decodeClientFrame, decodeServerFrame, encodeFrame } from '../protocol/codec.js';
import type { ActionError, ClientFrame, ServerFrame } from '../protocol/frames.js';
import { snapshotFrames } from '../protocol/split.js';
import type { LocalRoom, LocalSession } from './local-room.js';

export interface LocalTransportOptions {
  /** Delays frames both ways, ms; twice this is the connection's round trip, its latency allowance. */
  latencyMs?: number;
}

/** Test hooks over every transport of one room. */
export interface LocalNetwork {
  transport(options?: LocalTransportOptions): Transport;
  /** The next delta reaches no connection (a gap the client must resync over). */
  dropNextDelta(): void;
  /** Closes every connection as a network failure would (`retry: true`), losing frames in flight. */
  disconnectAll(): void;
}

interface Connection {
  handlers: TransportHandlers;
  latencyMs: number;
  session: LocalSession | null;
  /** No new frames either way. */
  closed: boolean;
  /** Frames already on the way are lost too. */
  cut: boolean;
}

/** Frame-level access to a local room; one network per room is enough for any number of viewers. */
export function localNetwork(room: LocalRoom): LocalNetwork {
  const connections = new Set<Connection>();
  /** The seq of the delta to lose: 'next' until the next flush names it. */
  let dropSeq: number | 'next' | null = null;

  const later = (conn: Connection, fn: () => void) => {
    if (conn.latencyMs > 0) setTimeout(fn, conn.latencyMs);
    else queueMicrotask(fn);
  };

  const deliver = (conn: Connection, frame: ServerFrame) => {
    if (conn.closed) return;
    const text = JSON.stringify(frame);
    later(conn, () => {
      if (conn.cut) return;
      const decoded = decodeServerFrame(text);
      if (decoded.ok) conn.handlers.frame(decoded.frame);
    });
  };

  const close = (conn: Connection, code: number, reason: string, retry: boolean, cut = false) => {
    if (conn.closed) return;
    conn.closed = true;
    conn.cut ||= cut;
    conn.session?.close();
    connections.delete(conn);
    later(conn, () => {
      conn.cut = true;
      conn.handlers.close({ code, reason, retry });
    });
  };

  const error = (conn: Connection, e: ActionError, fatal = false) => {
    deliver(conn, fatal ? { t: 'error', ...e, fatal } : { t: 'error', ...e });
    if (fatal) close(conn, 1008, e.code, false);
  };

  const snapshot = (conn: Connection, session: LocalSession) => {
    const { viewer, ...rest } = session.snapshot();
    const whole = {
      t: 'snapshot' as const,
      room: room.room,
      ...rest,
      viewer: { ...viewer, credential: viewer.id },
    };
    for (const frame of snapshotFrames(whole)) deliver(conn, frame);
  };

  const receive = (conn: Connection, text: string) => {
    if (conn.closed) return;
    const decoded = decodeClientFrame(text);
    if (!decoded.ok) {
      if (decoded.key !== undefined)
        return deliver(conn, { t: 'ack', key: decoded.key, ok: false, error: decoded.error });
      return error(conn, decoded.error, decoded.type === 'hello' && !conn.session);
    }
    const frame: ClientFrame = decoded.frame;
    if (frame.t === 'hello') {
      if (frame.room !== room.room)
        return error(
          conn,
          { code: 'room_mismatch', message: `this is room "${room.room}"`, path: 'room' },
          true,
        );
      if (conn.session)
        return error(conn, { code: 'already_joined', message: `already joined room ${room.room}` });
      // One page, no secrets to guard: a token's viewer part, a credential or an id is taken on trust.
      const viewer = frame.token?.split('.')[0] || frame.credential || frame.viewer;
      conn.session = room.sessions.open(viewer, (changes, seq, now) => {
        if (dropSeq === 'next') dropSeq = seq;
        if (dropSeq !== seq)
          deliver(conn, { t: 'delta', room: room.room, version: room.sessions.version, seq, changes, now });
      });
      return snapshot(conn, conn.session);
    }
    const session = conn.session;
    if (!session)
      return error(conn, { code: 'hello_required', message: `send a hello frame before "${frame.t}"` });
    if (frame.t === 'ping') return deliver(conn, { t: 'pong', now: room.sessions.now() });
    if (frame.t === 'resync') return snapshot(conn, session);
    // The room knows this connection's round trip without measuring it: two configured delays.
    deliver(conn, session.act(frame.name, frame.payload, frame.key, 2 * conn.latencyMs));
  };

  return {
    transport(options = {}) {
      let conn: Connection | null = null;
      return {
        connect(handlers) {
          const current: Connection = {
            handlers,
            latencyMs: options.latencyMs ?? 0,
            session: null,
            closed: false,
            cut: false,
          };
          conn = current;
          connections.add(current);
          later(current, () => {
            if (!current.cut) handlers.open();
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
          conn.session?.close();
          connections.delete(conn);
          conn = null;
        },
      };
    },
    dropNextDelta() {
      dropSeq = 'next';
    },
    disconnectAll() {
      for (const conn of [...connections]) close(conn, 1006, 'network failure', true, true);
    },
  };
}
