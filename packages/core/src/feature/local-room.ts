/**
 * The in-page room: a live room held in the page, running feature definitions through the same
 * engine as the server, minus persistence. Static embeds, the gallery, the offline demo and
 * component tests use it. Viewers get a `Channel` directly (no frames, no network client), which
 * behaves as the server's does: snapshot, the ack before the delta, coalesced deltas, idempotent
 * keys, refusals not remembered. `localTransport()` offers the same room as frames, for the
 * network client's own tests.
 */
import { atom, batch, computed, type ReadableAtom } from 'nanostores';
import {
  ActionRejectedError,
  type ActionResult,
  type Channel,
  type ChannelStatus,
} from '../channel/types.js';
import { KEY_EXPIRED, keyExpired, stampedKey } from '../protocol/action-keys.js';
import type {
  AckFrame,
  ActionError,
  Change,
  RecordValue,
  RoomState,
  ViewerState,
} from '../protocol/frames.js';
import { splitChanges } from '../protocol/split.js';
import { type Done, RoomEngine } from './engine.js';
import {
  type AnyFeature,
  type Clock,
  type LogFilter,
  type LoggedEntry,
  type MineMap,
  type ViewerRef,
  viewerKey,
} from './types.js';

export interface LocalRoomOptions {
  /** Room id (default `local-<random>`). */
  room?: string;
  features: readonly AnyFeature[];
  /** Time and record timers (default: the page's clock and `setTimeout`); deltas coalesce in real time. */
  clock?: Clock;
  random?: () => number;
  /** Deltas are coalesced over this window, ms, as the server's are (default 100; 0: next task). */
  flushMs?: number;
  /** Idempotency keys remembered per viewer, oldest forgotten first (default 1,000). */
  keysPerViewer?: number;
  /** Rows kept per log, oldest dropped first (default 10,000). */
  logRows?: number;
}

export type CommandResult = { ok: true; result: RecordValue } | { ok: false; error: ActionError };

export interface LocalRoom {
  readonly room: string;
  /** A channel to the room as a viewer: `viewer` to be a known one again, else a new anonymous one. */
  connect(viewer?: string): Channel;
  /** Runs an ops command as the ops API would (`poll.create`, `product.pin`, …). */
  command(name: string, input: unknown): CommandResult;
  /** Runs an ops query (`product.list`, `gift.ledger`). */
  query(name: string, input: unknown): CommandResult;
  /** The room as viewers see it. */
  state(): RoomState;
  /** The room as ops see it (full records). */
  opsState(): RoomState;
  /** A viewer's stored private records, by viewer id. */
  mine(viewer: string): MineMap;
  /** Sends the pending delta now. */
  flush(): void;
  /** Stops timers and closes every channel. */
  dispose(): void;
  /** The session primitives `localTransport()` builds on. */
  readonly sessions: LocalSessions;
}

/** One viewer's connection to the room, as the transport face and `connect()` use it. */
export interface LocalSession {
  readonly viewer: string;
  snapshot(): { state: RoomState; viewer: ViewerState; seq: number; version: string; now: number };
  /**
   * The ack of an action: replayed for a known key (without `changes`), else run. `latencyMs`: the
   * connection's round trip, the action's latency allowance (default 0: a channel in the page).
   */
  act(name: string, payload: unknown, key: string, latencyMs?: number): AckFrame;
  close(): void;
}

export interface LocalSessions {
  /** The room history's version, new for every in-page room. */
  readonly version: string;
  open(
    viewer: string | undefined,
    onDelta: (changes: Change[], seq: number, now: number) => void,
  ): LocalSession;
  now(): number;
}

const pageClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return { cancel: () => clearTimeout(handle) };
  },
};

let rooms = 0;

export function createLocalRoom(options: LocalRoomOptions): LocalRoom {
  const clock = options.clock ?? pageClock;
  const random = options.random ?? Math.random;
  const room = options.room ?? `local-${++rooms}`;
  // The handlers' randomness is theirs alone (so hosts draw alike); ids of the room use another.
  const version = `local-${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
  const flushMs = options.flushMs ?? 100;
  const keysPerViewer = options.keysPerViewer ?? 1_000;
  const logRows = options.logRows ?? 10_000;
  const timers = new Map<string, { cancel(): void }>();
  const engine: RoomEngine = new RoomEngine({
    room,
    features: options.features,
    now: () => clock.now(),
    random,
    timer(coll, id, at) {
      const ref = `${coll}\n${id}`;
      timers.get(ref)?.cancel();
      timers.delete(ref);
      if (at === null) return;
      timers.set(
        ref,
        clock.setTimer(() => {
          timers.delete(ref);
          const ran = engine.expire(coll, id);
          if (ran?.ok) applied(ran, null);
        }, at - clock.now()),
      );
    },
    onError: (error) => console.error(error),
  });
  const viewers = new Map<string, { mine: MineMap; acks: Map<string, AckFrame> }>();
  const listeners = new Set<(changes: Change[], seq: number, now: number) => void>();
  const logs = new Map<string, LoggedEntry[]>();
  let seq = 0;
  let logSeq = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const channels = new Set<Channel>();

  /** A viewer's records, by storage key (the in-page room's viewers are all anonymous). */
  const viewerOf = (key: string) => {
    const viewer = viewers.get(key) ?? { mine: {}, acks: new Map<string, AckFrame>() };
    viewers.set(key, viewer);
    return viewer;
  };
  const ref = (id: string): ViewerRef => ({ id, key: viewerKey(id, false) });

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!engine.changed) return;
    const now = clock.now();
    // As the server: more changes than a frame holds go as several deltas, one seq each.
    for (const changes of splitChanges(roundTrip(engine.takeDelta()))) {
      seq += 1;
      for (const listener of [...listeners]) listener(changes, seq, now);
    }
  };

  /** Stores what a handler did (memory only) and queues the delta. */
  const applied = (done: Done, viewer: ViewerRef | null) => {
    if (viewer !== null) {
      const record = viewerOf(viewer.key);
      const mine: MineMap = { ...record.mine };
      for (const { coll, id, value } of done.mine) {
        const records = { ...mine[coll] };
        if (value === null) delete records[id];
        else records[id] = value;
        mine[coll] = records;
      }
      record.mine = mine;
    }
    for (const { coll, id } of done.forget)
      for (const record of viewers.values())
        if (record.mine[coll] && Object.hasOwn(record.mine[coll], id)) {
          const records = { ...record.mine[coll] };
          delete records[id];
          record.mine = { ...record.mine, [coll]: records };
        }
    for (const entry of done.append) {
      const rows = logs.get(entry.log) ?? [];
      rows.push({ ...entry, seq: ++logSeq, at: clock.now() });
      if (rows.length > logRows) rows.splice(0, rows.length - logRows);
      logs.set(entry.log, rows);
    }
    engine.touch(done.published);
    flushTimer ??= setTimeout(flush, flushMs);
  };

  /** Whether a log of these names holds a row of this viewer under this key (a forgotten action). */
  const loggedKey = (names: readonly string[], viewer: string, key: string) =>
    names.some((name) => (logs.get(name) ?? []).some((row) => row.viewer === viewer && row.key === key));

  const readLog = (name: string, filter: LogFilter) =>
    (logs.get(name) ?? [])
      .filter(
        (row) =>
          (filter.viewer === undefined || row.viewer === filter.viewer) &&
          (filter.prefix === undefined || row.key.startsWith(filter.prefix)),
      )
      .slice(-filter.limit);

  /** The viewer an ops command is about, keyed as the server keys viewers. */
  const target = (name: string, input: unknown, kind: 'ops' | 'queries') => {
    const found = engine.commandViewer(name, input, kind);
    if (!found.ok) return found;
    const viewer = found.viewer && {
      id: found.viewer.id,
      key: viewerKey(found.viewer.id, found.viewer.signed),
    };
    return { ok: true as const, viewer, mine: viewer ? viewerOf(viewer.key).mine : {} };
  };

  const sessions: LocalSessions = {
    version,
    now: () => clock.now(),
    open(requested, onDelta) {
      const viewer = requested ?? `viewer-${Math.floor(Math.random() * 2 ** 40).toString(36)}`;
      listeners.add(onDelta);
      return {
        viewer,
        snapshot: () =>
          roundTrip({
            state: engine.publicState(),
            viewer: { id: viewer, mine: engine.mineView(viewerOf(ref(viewer).key).mine) },
            seq,
            version,
            now: clock.now(),
          }),
        act(name, payload, key, latencyMs = 0) {
          const record = viewerOf(ref(viewer).key);
          const replay = record.acks.get(key);
          if (replay) return replay;
          if (keyExpired(key, clock.now()) || loggedKey(engine.logsOf(name), ref(viewer).key, key))
            return { t: 'ack', key, ok: false, error: KEY_EXPIRED };
          const ran = engine.act(ref(viewer), record.mine, name, payload, key, latencyMs);
          if (!ran.ok) return { t: 'ack', key, ok: false, error: ran.error };
          const ack: AckFrame = { t: 'ack', key, ok: true, result: ran.result };
          if (ran.ackMine) ack.mine = ran.ackMine;
          record.acks.set(key, roundTrip(ack));
          if (record.acks.size > keysPerViewer) record.acks.delete(record.acks.keys().next().value!);
          applied(ran, ref(viewer));
          // The current value of what changed, as the server sends it after storing.
          const changes = ran.published.map(({ coll, id }) => ({
            coll,
            id,
            value: engine.publicRecord(coll, id),
          }));
          return roundTrip(changes.length ? { ...ack, changes } : ack);
        },
        close: () => listeners.delete(onDelta),
      };
    },
  };

  return {
    room,
    sessions,
    connect(viewer) {
      const channel = directChannel(room, sessions, viewer);
      channels.add(channel);
      return channel;
    },
    command(name, input) {
      const who = target(name, input, 'ops');
      if (!who.ok) return who;
      const ran = engine.runCommand(name, input, who.viewer, who.mine);
      if (!ran.ok) return ran;
      applied(ran, who.viewer);
      return { ok: true, result: roundTrip(ran.result) };
    },
    query(name, input) {
      const who = target(name, input, 'queries');
      if (!who.ok) return who;
      const ran = engine.runQuery(name, input, readLog, who.viewer, who.mine);
      return ran.ok ? { ok: true, result: roundTrip(ran.result) as RecordValue } : ran;
    },
    state: () => roundTrip(engine.publicState()),
    opsState: () => roundTrip(engine.opsState()),
    mine: (viewer) => roundTrip(viewers.get(ref(viewer).key)?.mine ?? {}),
    flush,
    dispose() {
      clearTimeout(flushTimer);
      for (const timer of timers.values()) timer.cancel();
      timers.clear();
      for (const channel of channels) channel.close();
      channels.clear();
      listeners.clear();
    },
  };
}

/**
 * A `Channel` straight onto a session: the same stores and promises as the network client's,
 * answered in a microtask as if over a socket, without frames, reconnects or timeouts.
 */
function directChannel(room: string, sessions: LocalSessions, viewer?: string): Channel {
  const $status = atom<ChannelStatus>('connecting');
  const $state = atom<RoomState>({});
  const $viewer = atom<ViewerState | null>(null);
  const $error = atom<ActionError | null>(null);
  const collections = new Map<string, ReadableAtom<Readonly<Record<string, object>>>>();
  let closed = false;
  const session = sessions.open(viewer, (changes) => {
    if (!closed) $state.set(applyChanges($state.get(), changes));
  });
  const snapshot = session.snapshot();
  batch(() => {
    $state.set(snapshot.state);
    $viewer.set(snapshot.viewer);
    $status.set('live');
  });

  const channel: Channel = {
    room,
    $status,
    $state,
    $viewer,
    $error,
    collection<T extends object>(name: string) {
      const store = collections.get(name) ?? computed($state, (state) => state[name] ?? EMPTY);
      collections.set(name, store);
      return store as ReadableAtom<Readonly<Record<string, T>>>;
    },
    act<R extends object = RecordValue>(
      name: string,
      payload: RecordValue,
      key = stampedKey(sessions.now()),
    ) {
      if (closed)
        return Promise.reject(new ActionRejectedError({ code: 'closed', message: 'channel closed' }));
      const ack = session.act(name, payload, key);
      return new Promise<ActionResult<R>>((resolve, reject) =>
        queueMicrotask(() => {
          if (!ack.ok) return reject(new ActionRejectedError(ack.error));
          batch(() => {
            if (ack.changes) $state.set(applyChanges($state.get(), ack.changes));
            if (ack.mine) $viewer.set(mergeMine($viewer.get()!, ack.mine));
          });
          const result = ack.result as R;
          resolve(ack.mine ? { result, mine: ack.mine } : { result });
        }),
      );
    },
    serverNow: () => sessions.now(),
    connect() {},
    close() {
      if (closed) return;
      closed = true;
      session.close();
      $status.set('closed');
    },
  };
  return channel;
}

const EMPTY = Object.freeze({});

/** Copy-on-write: untouched collections keep their identity. */
export function applyChanges(state: RoomState, changes: readonly Change[]): RoomState {
  if (!changes.length) return state;
  const next = { ...state };
  const copied = new Set<string>();
  for (const { coll, id, value } of changes) {
    if (!copied.has(coll)) {
      next[coll] = { ...next[coll] };
      copied.add(coll);
    }
    if (value === null) delete next[coll]![id];
    else next[coll]![id] = value;
  }
  return next;
}

export function mergeMine(viewer: ViewerState, mine: ViewerState['mine']): ViewerState {
  const merged = { ...viewer.mine };
  for (const [coll, records] of Object.entries(mine)) merged[coll] = { ...merged[coll], ...records };
  return { ...viewer, mine: merged };
}

/** What crosses a socket is JSON: the in-page room hands out the same plain copies. */
function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
