/**
 * The server host of the live features: each room in memory is a `RoomEngine` (the same one the
 * in-page room runs) in front of the generic SQLite store, with its connected clients, the private
 * records of the viewers in it, its timers and its coalesced broadcast.
 *
 * Order of an action: the engine applies it in memory at once (the next action counts from it),
 * the journal stores it with its ack in the next group commit, then the ack goes to the acting
 * connection — with the current value of every record it changed — and only then are the records
 * queued for the room's next delta. A delta is never sent while writes are waiting for their
 * commit, so no viewer sees what was not stored, and the acting viewer always has its ack first.
 *
 * Deltas are coalesced: at most one per flush interval (100 ms) holding the latest value of every
 * changed record, so 10,000 votes a second become ≤ 10 deltas a second per viewer.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type AnyFeature,
  type Clock,
  type Done,
  type MineMap,
  type Ran,
  RoomEngine,
  type ViewerRef,
  viewerKey,
} from '@onair/core/feature.js';
import {
  type AckFrame,
  type ActionError,
  byteLength,
  type Change,
  type DeltaFrame,
  KEY_EXPIRED,
  MAX_FRAME_BYTES,
  type RecordValue,
  type SnapshotFrame,
  snapshotFrames,
  splitChanges,
  splitState,
} from '@onair/core/protocol.js';
import { mergeMine, withChanges } from './acks.js';
import type { Viewer } from './identity.js';
import type { Journal } from './journal.js';
import { EVERY_ROOM, type Store, type WriteBatch } from './store.js';

export interface RoomClient {
  readonly viewer: Viewer;
  /** A text frame; a Buffer is UTF-8 JSON encoded once for every client of a broadcast. */
  send(data: string | Buffer): void;
}

export interface HostDeps {
  store: Store;
  journal: Journal;
  clock: Clock;
  flushIntervalMs: number;
  features: readonly AnyFeature[];
  /** Uniform in [0, 1): the handlers' randomness (event ids). */
  random(): number;
  onError(error: unknown): void;
}

/** A write nobody waits for (the room's seq). */
const IGNORED = { stored() {}, failed() {} };

/** Keys of one viewer held in memory for replay checks; past this the store is asked instead. */
const KEYS_IN_MEMORY = 2_000;

interface ViewerEntry {
  ref: ViewerRef;
  /** The viewer's private records of this room. */
  mine: MineMap;
  /** Keys the viewer used in this room, or null when there are too many to hold. */
  keys: Set<string> | null;
  connections: number;
}

export type CommandResult = { ok: true; result: RecordValue } | { ok: false; error: ActionError };

/**
 * Private records every room shares (a wallet), held once for the whole server while any room
 * holds their viewer, so two rooms never debit the same coins from two copies.
 */
export class SharedRecords {
  private readonly entries = new Map<string, { mine: MineMap; holders: number }>();

  /** Holds a viewer's shared records; `stored` is used only when nobody held them already. */
  hold(viewer: string, stored: MineMap): void {
    const entry = this.entries.get(viewer);
    if (entry) entry.holders++;
    else this.entries.set(viewer, { mine: stored, holders: 1 });
  }

  drop(viewer: string): void {
    const entry = this.entries.get(viewer);
    if (entry && --entry.holders === 0) this.entries.delete(viewer);
  }

  get(viewer: string): MineMap | undefined {
    return this.entries.get(viewer)?.mine;
  }

  /** Replaces a held viewer's records with stored ones (after a failed write). */
  replace(viewer: string, stored: MineMap): void {
    const entry = this.entries.get(viewer);
    if (entry) entry.mine = stored;
  }

  get size(): number {
    return this.entries.size;
  }
}

export class Room {
  readonly id: string;
  readonly version: string;
  seq: number;
  /** False until the room holds something worth keeping; viewers joining alone write nothing. */
  persisted: boolean;
  readonly engine: RoomEngine;
  readonly clients = new Set<RoomClient>();
  private readonly viewers = new Map<string, ViewerEntry>();
  private readonly timers = new Map<string, { cancel(): void }>();
  private stateParts: string[] | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushWaiting = false;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly deps: HostDeps;
  private readonly shared: SharedRecords;

  constructor(
    deps: HostDeps,
    shared: SharedRecords,
    init: { id: string; version: string; seq: number; persisted: boolean },
  ) {
    this.deps = deps;
    this.shared = shared;
    this.id = init.id;
    this.version = init.version;
    this.seq = init.seq;
    this.persisted = init.persisted;
    this.engine = new RoomEngine({
      room: init.id,
      features: deps.features,
      now: () => deps.clock.now(),
      random: deps.random,
      timer: (coll, id, at) => this.arm(coll, id, at),
      onError: deps.onError,
    });
    this.engine.load(deps.store.records(init.id));
  }

  /** Distinct viewers connected. */
  get viewerCount(): number {
    return [...this.viewers.values()].filter((entry) => entry.connections > 0).length;
  }

  /** Nothing keeps the room in memory: nobody connected, no timer armed. */
  get idle(): boolean {
    return this.clients.size === 0 && this.timers.size === 0 && this.viewers.size === 0;
  }

  join(client: RoomClient): void {
    this.clients.add(client);
    const key = client.viewer.key;
    let entry = this.viewers.get(key);
    if (!entry) {
      entry = this.load({ id: client.viewer.id, key });
      this.viewers.set(key, entry);
    }
    entry.connections++;
  }

  /** Forgets the viewer once their last connection left and their writes are stored. */
  leave(client: RoomClient, released: () => void): void {
    if (!this.clients.delete(client)) return;
    const key = client.viewer.key;
    const entry = this.viewers.get(key);
    if (!entry || --entry.connections > 0) {
      released();
      return;
    }
    this.deps.journal.afterCommit(() => {
      if (entry.connections > 0 || this.viewers.get(key) !== entry) return;
      this.viewers.delete(key);
      this.shared.drop(key);
      released();
    });
  }

  /** The snapshot frame for one viewer; the shared state part is serialized once per change. */
  snapshot(viewer: Viewer): string[] {
    // The room's part, split to fit frames, is serialized once per change for every viewer.
    this.stateParts ??= splitState(this.engine.publicState()).map((part) => JSON.stringify(part));
    const entry = this.viewers.get(viewer.key);
    const mine = this.engine.mineView(entry ? this.mineOf(entry) : {});
    const you = viewer.credential
      ? { id: viewer.id, credential: viewer.credential, mine }
      : { id: viewer.id, mine };
    const head = `{"t":"snapshot","room":${JSON.stringify(this.id)},"version":${JSON.stringify(this.version)},"seq":${this.seq},"viewer":${JSON.stringify(you)},"now":${this.deps.clock.now()}`;
    const count = this.stateParts.length;
    const frames = this.stateParts.map(
      (part, index) => `${head}${count > 1 ? `,"part":${index},"parts":${count}` : ''},"state":${part}}`,
    );
    if (frames.every((frame) => byteLength(frame) <= MAX_FRAME_BYTES)) return frames;
    // A viewer whose own records leave less room than usual gets parts cut for them.
    const whole = JSON.parse(
      `${head},"state":${JSON.stringify(this.engine.publicState())}}`,
    ) as SnapshotFrame;
    return snapshotFrames(whole).map((frame) => JSON.stringify(frame));
  }

  /**
   * Answers a key this viewer used before with its first ack (once stored) and returns true, or
   * returns false for a new key.
   */
  replay(viewer: string, key: string, reply: (ack: string) => void): boolean {
    const pending = this.deps.journal.pendingAck(this.id, viewer, key);
    if (pending !== undefined) {
      this.deps.journal.afterCommit(() => reply(pending));
      return true;
    }
    const keys = this.viewers.get(viewer)?.keys;
    if (keys && !keys.has(key)) return false;
    const stored = this.deps.store.ack(this.id, viewer, key);
    if (stored === undefined) return false;
    reply(stored);
    return true;
  }

  /**
   * Runs a viewer action: a refusal is answered at once and changes nothing; an accepted action is
   * answered once stored, with the current value of every record it changed, before any delta
   * carries them. `latencyMs`: the connection's measured round trip (its latency allowance).
   */
  act(
    viewer: Viewer,
    name: string,
    payload: unknown,
    key: string,
    reply: (ack: AckFrame | string) => void,
    latencyMs = 0,
  ): void {
    const entry = this.viewers.get(viewer.key)!;
    // A key its feature's log already holds was applied and its ack forgotten: never twice.
    const logs = this.engine.logsOf(name);
    if (logs.length && this.deps.store.logHasKey(this.id, logs, viewer.key, key)) {
      reply({ t: 'ack', key, ok: false, error: { ...KEY_EXPIRED } });
      return;
    }
    const ran = this.engine.act(entry.ref, this.mineOf(entry), name, payload, key, latencyMs);
    if (!ran.ok) {
      reply({ t: 'ack', key, ok: false, error: ran.error });
      return;
    }
    const ack: AckFrame = { t: 'ack', key, ok: true, result: ran.result };
    if (ran.ackMine) ack.mine = ran.ackMine;
    const text = JSON.stringify(ack);
    if (entry.keys) {
      entry.keys.add(key);
      if (entry.keys.size > KEYS_IN_MEMORY) entry.keys = null;
    }
    const at = this.deps.clock.now();
    this.persist(
      ran,
      entry.ref,
      {
        stored: () => {
          reply(withChanges(text, this.values(ran.published)));
          this.published(ran);
        },
        failed: () =>
          reply({
            t: 'ack',
            key,
            ok: false,
            error: {
              code: 'internal_error',
              message: 'the server could not store this action; nothing was changed',
            },
          }),
      },
      { room: this.id, viewer: viewer.key, key, ack: text, at },
    );
  }

  /** Runs an ops command now: stored before it answers. */
  command(name: string, input: unknown): CommandResult {
    const target = this.engine.commandViewer(name, input);
    if (!target.ok) return target;
    const ref = target.viewer && {
      id: target.viewer.id,
      key: viewerKey(target.viewer.id, target.viewer.signed),
    };
    const ran = this.engine.runCommand(name, input, ref, ref ? this.mineFor(ref) : {});
    return this.storeNow(ran, ref);
  }

  /** Runs an ops query against memory and the stored logs. */
  query(name: string, input: unknown): CommandResult {
    const target = this.engine.commandViewer(name, input, 'queries');
    if (!target.ok) return target;
    const ref = target.viewer && {
      id: target.viewer.id,
      key: viewerKey(target.viewer.id, target.viewer.signed),
    };
    // Log rows of actions still waiting for their commit belong in the answer.
    this.deps.journal.flush();
    const ran = this.engine.runQuery(
      name,
      input,
      (log, filter) =>
        this.deps.store.log(this.id, log, filter).map((row) => ({
          log,
          seq: row.seq,
          viewer: row.viewer,
          key: row.key,
          at: row.at,
          row: JSON.parse(row.row) as object,
        })),
      ref,
      ref ? this.mineFor(ref) : {},
    );
    return ran.ok ? { ok: true, result: ran.result as RecordValue } : ran;
  }

  /** Sends the pending delta now, or once the writes it would show are stored. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.engine.changed) return;
    if (this.deps.journal.pending) {
      if (this.flushWaiting) return;
      this.flushWaiting = true;
      this.deps.journal.afterCommit(() => {
        this.flushWaiting = false;
        this.flush();
      });
      return;
    }
    // More changes than a frame holds go as several deltas, one seq each.
    const groups = splitChanges(this.engine.takeDelta());
    this.lastFlush = performance.now();
    for (const changes of groups) {
      this.seq += 1;
      if (this.clients.size === 0) continue;
      const delta: DeltaFrame = {
        t: 'delta',
        room: this.id,
        version: this.version,
        seq: this.seq,
        changes,
        now: this.deps.clock.now(),
      };
      const data = Buffer.from(JSON.stringify(delta));
      for (const client of this.clients) client.send(data);
    }
    if (this.persisted) {
      const seq = this.seq;
      this.deps.journal.add(this.id, (batch) => batch.seqs.set(this.id, seq), IGNORED);
    }
  }

  /** Reloads records and viewers from the file (after a failed write) and rebroadcasts everything. */
  reload(): void {
    this.engine.load(this.deps.store.records(this.id));
    this.persisted = this.deps.store.room(this.id) !== undefined;
    for (const [key, entry] of this.viewers) {
      const fresh = this.load(entry.ref);
      entry.mine = fresh.mine;
      entry.keys = fresh.keys;
      this.shared.replace(key, fresh.sharedStored);
      this.shared.drop(key); // `load` held it once more
    }
    this.engine.touch([...this.engine.rows()]);
    this.changed();
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** The viewer's records of this room (cached) with those every room shares. */
  private mineOf(entry: ViewerEntry): MineMap {
    return mergeMine(entry.mine, this.shared.get(entry.ref.key) ?? {});
  }

  /** A viewer's records whether connected here or not (an ops grant). */
  private mineFor(ref: ViewerRef): MineMap {
    const entry = this.viewers.get(ref.key);
    if (entry) return this.mineOf(entry);
    const loaded = this.load(ref);
    this.shared.drop(ref.key);
    return mergeMine(loaded.mine, this.shared.get(ref.key) ?? loaded.sharedStored);
  }

  /** Reads a viewer's records and used keys; holds their shared records (callers drop them). */
  private load(ref: ViewerRef): ViewerEntry & { sharedStored: MineMap } {
    const mine: MineMap = {};
    const sharedStored: MineMap = {};
    for (const row of this.deps.store.viewerRecords(this.id, ref.key)) {
      const target = row.shared ? sharedStored : mine;
      target[row.coll] = { ...target[row.coll], [row.id]: row.value };
    }
    this.shared.hold(ref.key, sharedStored);
    const keys = this.deps.store.ackKeys(this.id, ref.key, KEYS_IN_MEMORY + 1);
    return {
      ref,
      mine,
      sharedStored,
      keys: keys.length > KEYS_IN_MEMORY ? null : new Set(keys),
      connections: 0,
    };
  }

  /** Stores an ops or timer change now and queues its delta; a failed write answers `internal_error`. */
  private storeNow(ran: Ran, ref: ViewerRef | null): CommandResult {
    if (!ran.ok) return ran;
    this.persist(ran, ref, { stored: () => this.published(ran), failed: () => {} });
    if (this.deps.journal.flush()) return { ok: true, result: ran.result };
    return {
      ok: false,
      error: { code: 'internal_error', message: 'the change could not be stored; nothing was changed' },
    };
  }

  /** Applies private changes to memory and queues every write of `ran` in the journal. */
  private persist(
    ran: Done,
    ref: ViewerRef | null,
    waiter: Parameters<Journal['add']>[2],
    ack?: Parameters<Journal['add']>[3],
  ): void {
    this.applyMine(ref?.key ?? null, ran);
    const firstWrite = !this.persisted;
    this.persisted = true;
    const now = this.deps.clock.now();
    this.stateParts = null;
    this.deps.journal.add(
      this.id,
      (batch: WriteBatch) => {
        if (firstWrite) batch.rooms.push({ id: this.id, version: this.version, seq: this.seq, at: now });
        for (const { coll, id } of ran.forget) batch.forget.push({ room: this.id, coll, id });
        for (const { coll, id, value } of ran.changes)
          batch.records.set(`${this.id}\n${coll}\n${id}`, {
            room: this.id,
            coll,
            id,
            value: value === null ? null : JSON.stringify(value),
            due: value === null ? null : this.engine.due(coll, value),
          });
        if (ref)
          for (const { coll, id, value, viewerScoped } of ran.mine) {
            const room = viewerScoped ? EVERY_ROOM : this.id;
            batch.viewerRecords.set(`${room}\n${ref.key}\n${coll}\n${id}`, {
              room,
              viewer: ref.key,
              coll,
              id,
              value: value === null ? null : JSON.stringify(value),
            });
          }
        for (const entry of ran.append)
          batch.logs.push({ room: this.id, ...entry, at: now, row: JSON.stringify(entry.row) });
      },
      waiter,
      ack,
    );
  }

  /** Applies the private changes of `ran` to the viewers held in memory. */
  private applyMine(viewer: string | null, ran: Done): void {
    const entry = viewer === null ? undefined : this.viewers.get(viewer);
    const shared = viewer === null ? undefined : this.shared.get(viewer);
    for (const { coll, id, value, viewerScoped } of ran.mine) {
      const target = viewerScoped ? shared : entry?.mine;
      if (!target) continue;
      const records = { ...target[coll] };
      if (value === null) delete records[id];
      else records[id] = value;
      target[coll] = records;
    }
    for (const { coll, id } of ran.forget)
      for (const other of this.viewers.values())
        if (other.mine[coll] && Object.hasOwn(other.mine[coll], id)) {
          const records = { ...other.mine[coll] };
          delete records[id];
          other.mine[coll] = records;
        }
  }

  /** The changed records go out in the room's next delta. */
  private published(ran: Done): void {
    this.engine.touch(ran.published);
    this.changed();
  }

  private values(refs: { coll: string; id: string }[]): Change[] {
    return refs.map(({ coll, id }) => ({ coll, id, value: this.engine.publicRecord(coll, id) }));
  }

  private changed(): void {
    this.stateParts = null;
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlush + this.deps.flushIntervalMs - performance.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private arm(coll: string, id: string, at: number | null): void {
    const ref = `${coll}\n${id}`;
    this.timers.get(ref)?.cancel();
    this.timers.delete(ref);
    if (at === null) return;
    const fire = () => {
      this.timers.delete(ref);
      // Writes already accepted are stored first: the closed poll includes every vote before it.
      if (!this.deps.journal.flush()) return; // the room was reloaded, and its timers with it
      const ran = this.engine.expire(coll, id);
      if (ran) this.storeNow(ran, null);
    };
    const wait = at - this.deps.clock.now();
    // Overdue (a room loaded after its deadline): at once, but not inside the change that armed it.
    if (wait <= 0) {
      let cancelled = false;
      queueMicrotask(() => cancelled || fire());
      this.timers.set(ref, { cancel: () => (cancelled = true) });
    } else this.timers.set(ref, this.deps.clock.setTimer(fire, wait));
  }
}

/** Thrown by `RoomRegistry.get()` for a room not in memory when the registry holds all it may. */
export class RoomsFull extends Error {
  constructor(max: number) {
    super(`the server holds ${max} rooms, all it may; try again later`);
    this.name = 'RoomsFull';
  }
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly deps: HostDeps;
  private readonly maxRooms: number;
  readonly shared = new SharedRecords();

  constructor(deps: HostDeps, maxRooms = Number.POSITIVE_INFINITY) {
    this.deps = deps;
    this.maxRooms = maxRooms;
  }

  get features(): readonly AnyFeature[] {
    return this.deps.features;
  }

  /** Loads every room with a timer, so polls close and flash sales end on time after a restart. */
  start(): void {
    for (const id of this.deps.store.roomsWithTimers()) this.get(id, true);
  }

  /** The room, from memory or the file; throws `RoomsFull` past `maxRooms` (`force`: a timer's room). */
  get(id: string, force = false): Room {
    const existing = this.rooms.get(id);
    if (existing) return existing;
    if (!force && this.rooms.size >= this.maxRooms) throw new RoomsFull(this.maxRooms);
    const row = this.deps.store.room(id);
    const room = new Room(
      this.deps,
      this.shared,
      row
        ? { id, version: row.version, seq: row.seq, persisted: true }
        : { id, version: randomBytes(9).toString('base64url'), seq: 0, persisted: false },
    );
    this.rooms.set(id, room);
    return room;
  }

  /** Reloads rooms from the file after a failed write and rebroadcasts them. */
  reload(ids: Iterable<string>): void {
    for (const id of ids) this.rooms.get(id)?.reload();
  }

  /** Frees a room nothing keeps in memory; its records stay in the file for the next visit. */
  release(room: Room): void {
    if (!room.idle || this.rooms.get(room.id) !== room) return;
    room.flush();
    this.deps.journal.afterCommit(() => {
      if (!room.idle || this.rooms.get(room.id) !== room) return;
      room.dispose();
      this.rooms.delete(room.id);
    });
  }

  /** Rooms held in memory. */
  get size(): number {
    return this.rooms.size;
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  flushAll(): void {
    for (const room of this.rooms.values()) room.flush();
  }
}
