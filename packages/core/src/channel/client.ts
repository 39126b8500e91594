/**
 * The live channel client: one connection per room, lazily opened while someone listens, that
 * keeps a sequenced copy of the room's state and sends idempotent actions.
 *
 * Internal variables are the truth; the public stores are only written, never read back, because
 * `get()` on an unwatched nanostores atom mounts it for a moment.
 */
import { atom, batch, computed, onMount, onStart, type ReadableAtom } from 'nanostores';
import { stampedKey } from '../protocol/action-keys.js';
import { encodeFrame, FrameError } from '../protocol/codec.js';
import type {
  ActionError,
  Change,
  ClientFrame,
  Collection,
  DeltaFrame,
  RecordValue,
  RoomState,
  ServerFrame,
  SnapshotFrame,
  ViewerState,
} from '../protocol/frames.js';
import { createPendingActions, type PendingAction } from './actions.js';
import { backoffDelay } from './backoff.js';
import { createFlusher } from './flusher.js';
import type { ActionResult, Channel, ChannelOptions, ChannelStatus, TransportHandlers } from './types.js';
import { ActionRejectedError } from './types.js';

/** Sent while live so proxies that cut idle sockets (often at 30–60 s) keep ours. */
export const HEARTBEAT_MS = 25_000;

/**
 * Codes of a fatal error frame after which reconnecting with the same credentials cannot help, even
 * when the transport has no close code to say so (an IM/push SDK transport).
 */
const FINAL_CODES = new Set(['unauthorized', 'token_expired', 'forbidden']);

const EMPTY: Collection = Object.freeze({});

export function createChannel(options: ChannelOptions): Channel {
  const { room, transport } = options;
  const baseMs = options.backoff?.baseMs ?? 500;
  const capMs = options.backoff?.capMs ?? 15_000;

  const $status = atom<ChannelStatus>('idle');
  const $state = atom<RoomState>({});
  const $viewer = atom<ViewerState | null>(null);
  const $error = atom<ActionError | null>(null);

  // ── room state ──
  let state: RoomState = {};
  let viewer: ViewerState | null = null;
  let credential = options.credential;
  let version: string | null = null;
  let seq = 0;
  /** A snapshot arrived on this connection and no gap is waiting for a resync. */
  let synced = false;
  let clockOffset = 0;
  // Copy-on-write since the last publish: the first change to a collection copies it, later ones
  // reuse the copy, so 1,000 deltas in a frame cost 1,000 assignments, not 1,000 copies.
  let ownState = false;
  const ownCollections = new Set<string>();
  let dirty = false;

  // ── connection ──
  let closed = false;
  /** Bumped on every connect/disconnect, so callbacks of a dropped transport are ignored. */
  let generation = 0;
  let active = false; // transport.connect() called, close not seen
  let open = false; // between open and close
  let live = false; // snapshot received on this connection
  let attempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  let pingSentAt: number | null = null;
  /** The fatal error frame the server sent before closing this connection, if any. */
  let fatalError: ActionError | null = null;

  // ── who wants the connection ──
  /** Public stores with listeners, until nanostores unmounts them. */
  const watched = new Set<ReadableAtom<unknown>>();
  let manual = false;
  const pending = createPendingActions(options.actionTimeoutMs ?? 10_000, () => release());
  const wanted = () => watched.size > 0 || manual || pending.size > 0;

  const flusher = createFlusher(publish, options.schedule);

  function publish(): void {
    if (!dirty) return;
    dirty = false;
    ownState = false;
    ownCollections.clear();
    $state.set(state);
  }

  function send(frame: ClientFrame): void {
    if (!open) return;
    try {
      transport.send(frame);
    } catch {
      // A failing socket reports itself through `close`; nothing to do for hello/ping/resync.
    }
  }

  function sendAction(action: PendingAction): void {
    if (!live) return;
    try {
      transport.send(action.frame);
      action.sentOn = generation;
    } catch (error) {
      // A transport refusing this one frame (e.g. `frame_too_large`) names a code: final for it.
      if (error instanceof FrameError || error instanceof ActionRejectedError)
        pending.reject(action.frame.key, error);
    }
  }

  function connectTransport(): void {
    const gen = ++generation;
    active = true;
    open = live = synced = false;
    fatalError = null;
    $status.set(attempts > 0 ? 'reconnecting' : 'connecting');
    const handlers: TransportHandlers = {
      open: () => gen === generation && onOpen(),
      frame: (frame) => gen === generation && onFrame(frame),
      close: (info) => gen === generation && onClose(info),
    };
    try {
      transport.connect(handlers);
    } catch (error) {
      onClose({ code: 1006, reason: String(error), retry: true });
    }
  }

  function ensureConnected(): void {
    if (!closed && !active && reconnectTimer === undefined && wanted()) connectTransport();
  }

  function onOpen(): void {
    open = true;
    send({
      t: 'hello',
      v: 1,
      room,
      ...(credential === undefined ? {} : { credential }),
      ...(options.token === undefined ? {} : { token: options.token }),
    });
  }

  function onFrame(frame: ServerFrame): void {
    switch (frame.t) {
      case 'snapshot':
        onSnapshot(frame);
        break;
      case 'delta':
        onDelta(frame);
        break;
      case 'ack':
        if (!pending.get(frame.key)) break;
        if (!frame.ok) pending.reject(frame.key, frame.error);
        else {
          // The acting viewer sees the records its action changed at once, with its own state;
          // the delta carrying them to everyone follows (and replaces them again, harmlessly).
          batch(() => {
            if (frame.changes && synced) {
              apply(frame.changes);
              flusher.now();
            }
            if (frame.mine) mergeMine(frame.mine);
          });
          pending.resolve(frame.key, actionResult(frame.result, frame.mine));
        }
        break;
      case 'pong': {
        // Half the round trip approximates how old the server's `now` is on arrival.
        const halfTrip = pingSentAt === null ? 0 : (Date.now() - pingSentAt) / 2;
        pingSentAt = null;
        setClock(frame.now + halfTrip);
        break;
      }
      case 'error': {
        const error: ActionError =
          frame.path === undefined
            ? { code: frame.code, message: frame.message }
            : { code: frame.code, message: frame.message, path: frame.path };
        if (frame.fatal) fatalError = error;
        $error.set(error);
      }
    }
  }

  /** Parts of a snapshot too large for one frame, gathered until the last one (then applied at once). */
  let parts: SnapshotFrame[] = [];

  function onSnapshot(part: SnapshotFrame): void {
    if (part.room !== room) return;
    const frame = gather(part);
    if (!frame) return;
    version = frame.version;
    seq = frame.seq;
    state = frame.state;
    ownState = false;
    ownCollections.clear();
    dirty = true;
    viewer = frame.viewer;
    credential = frame.viewer.credential ?? credential;
    synced = live = true;
    attempts = 0;
    setClock(frame.now);
    // A snapshot is rare and comes with a status change, so it is published at once.
    batch(() => {
      flusher.now();
      $viewer.set(viewer);
      $status.set('live');
    });
    startHeartbeat();
    for (const action of pending.values()) if (action.sentOn !== generation) sendAction(action);
  }

  /** The whole snapshot once its last part is here; null while parts are missing. */
  function gather(part: SnapshotFrame): SnapshotFrame | null {
    if (part.parts === undefined || part.parts < 2) return part;
    synced = false; // deltas wait for the whole snapshot
    const first = parts[0];
    if (part.part === 0) parts = [part];
    else if (first && part.part === parts.length && part.seq === first.seq && part.version === first.version)
      parts.push(part);
    else {
      parts = [];
      resync(); // a part went missing: ask again
      return null;
    }
    if (parts.length < part.parts) return null;
    const state: RoomState = {};
    for (const { state: some } of parts)
      for (const [coll, records] of Object.entries(some)) state[coll] = { ...state[coll], ...records };
    parts = [];
    return { ...part, state };
  }

  function onDelta(frame: DeltaFrame): void {
    if (!synced || frame.room !== room) return;
    if (frame.seq <= seq && frame.version === version) return; // a duplicate, already applied
    if (frame.version !== version || frame.seq !== seq + 1) {
      resync();
      return;
    }
    seq = frame.seq;
    setClock(frame.now);
    apply(frame.changes);
  }

  /** Asks for a fresh snapshot once; deltas are ignored until it arrives. */
  function resync(): void {
    synced = false;
    send({ t: 'resync', have: seq });
  }

  function apply(changes: Change[]): void {
    for (const { coll, id, value } of changes) {
      if (value === null && state[coll]?.[id] === undefined) continue;
      if (!ownState) {
        state = { ...state };
        ownState = true;
      }
      let records = state[coll];
      if (!records || !ownCollections.has(coll)) {
        records = { ...records };
        state[coll] = records;
        ownCollections.add(coll);
      }
      if (value === null) delete records[id];
      else records[id] = value;
      dirty = true;
    }
    if (dirty) flusher.request();
  }

  function mergeMine(mine: ViewerState['mine']): void {
    if (!viewer) return;
    const merged = { ...viewer.mine };
    for (const [coll, records] of Object.entries(mine)) merged[coll] = { ...merged[coll], ...records };
    viewer = { ...viewer, mine: merged };
    $viewer.set(viewer);
  }

  function setClock(serverNow: number): void {
    clockOffset = serverNow - Date.now();
  }

  function startHeartbeat(): void {
    clearInterval(heartbeatTimer);
    heartbeatTimer = setInterval(() => {
      pingSentAt = Date.now();
      send({ t: 'ping' });
    }, HEARTBEAT_MS);
  }

  /** Forget the current connection and every timer tied to it. */
  function drop(): void {
    generation++;
    if (active) {
      active = false;
      try {
        transport.disconnect();
      } catch {
        // Already gone; nothing else to release.
      }
    }
    open = live = synced = false;
    pingSentAt = null;
    clearInterval(heartbeatTimer);
    clearTimeout(reconnectTimer);
    heartbeatTimer = reconnectTimer = undefined;
    flusher.now();
  }

  function onClose(info: { code: number; reason: string; retry: boolean }): void {
    active = false;
    drop();
    if (!info.retry || (fatalError && FINAL_CODES.has(fatalError.code))) {
      const detail = info.reason ? `${info.code} ${info.reason}` : String(info.code);
      shutDown(
        fatalError ?? { code: 'connection_closed', message: `connection closed for good (${detail})` },
      );
      return;
    }
    if (!wanted()) {
      release();
      return;
    }
    $status.set('reconnecting');
    reconnectTimer = setTimeout(
      () => {
        reconnectTimer = undefined;
        ensureConnected();
      },
      backoffDelay(attempts++, baseMs, capMs),
    );
  }

  /** Disconnects once nobody listens, nothing is pending and `connect()` was not called. */
  function release(): void {
    if (closed || wanted()) return;
    drop();
    attempts = 0;
    $status.set('idle');
  }

  function shutDown(error: ActionError | null): void {
    if (closed) return;
    closed = true;
    drop();
    pending.rejectAll({
      code: 'closed',
      message: error ? `channel closed: ${error.message}` : 'channel closed',
    });
    batch(() => {
      if (error) $error.set(error);
      $status.set('closed');
    });
  }

  // Lifecycle: connect when a store gets its first listener; disconnect when nanostores unmounts
  // the last one (after its 1 s debounce, so a re-rendering component does not reconnect).
  // `get()` on an unwatched store listens and stops in one go; connecting in a microtask, only if
  // a listener is still there, keeps a bare `get()` from opening a socket.
  for (const store of [$state, $status, $viewer, $error]) {
    onStart(store, () => {
      watched.add(store);
      queueMicrotask(() => {
        if (store.lc > 0) ensureConnected();
      });
    });
    onMount(store, () => () => {
      watched.delete(store);
      release();
    });
  }

  const collections = new Map<string, ReadableAtom<Collection>>();

  return {
    room,
    $status,
    $state,
    $viewer,
    $error,
    collection<T extends object = RecordValue>(name: string) {
      let store = collections.get(name);
      if (!store) {
        store = computed($state, (current) => current[name] ?? EMPTY);
        collections.set(name, store);
      }
      return store as ReadableAtom<Readonly<Record<string, T>>>;
    },
    act<R extends object = RecordValue>(
      name: string,
      payload: RecordValue,
      key = stampedKey(Date.now() + clockOffset),
    ) {
      if (closed)
        return Promise.reject(new ActionRejectedError({ code: 'closed', message: 'channel closed' }));
      const frame = { t: 'action' as const, key, name, payload };
      try {
        encodeFrame(frame);
      } catch (error) {
        return Promise.reject(error instanceof FrameError ? new ActionRejectedError(error) : error);
      }
      const action = pending.add(frame);
      ensureConnected();
      if (action.sentOn === 0) sendAction(action);
      // The feature that defines the action defines its result: typed by the caller.
      return action.promise as Promise<ActionResult<R>>;
    },
    serverNow: () => Date.now() + clockOffset,
    connect() {
      if (closed) return;
      manual = true;
      ensureConnected();
    },
    close: () => shutDown(null),
  };
}

function actionResult(result: RecordValue, mine: ViewerState['mine'] | undefined): ActionResult {
  return mine ? { result, mine } : { result };
}
