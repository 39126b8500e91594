/**
 * Rooms in memory: authoritative state, sequence, connected clients and the coalesced broadcast.
 *
 * A change marks its record dirty; at most once per flush interval (100 ms) the room sends one
 * delta holding the latest value of every dirty record, so 10,000 votes a second become ≤ 10
 * deltas a second per viewer. A snapshot is the current state at the last flushed seq; records
 * changed since then arrive again in the next delta, which is harmless because records are
 * replaced whole by id.
 *
 * `version` is created once per room and stored with `seq` in SQLite, so a restart on the same file
 * continues the same history: reconnecting clients get a snapshot (as on every `hello`) and carry on
 * without treating it as a new room.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Change, DeltaFrame, RecordValue, ViewerState } from '@onair/core/channel.js';
import type { PollRecord } from '@onair/polls/model.js';
import type { Clock } from './clock.js';
import type { Viewer } from './identity.js';
import type { Store } from './store.js';

export interface RoomClient {
  readonly viewer: Viewer;
  /** A text frame; a Buffer is UTF-8 JSON encoded once for every client of a broadcast. */
  send(data: string | Buffer): void;
}

/**
 * One kind of live record in a room (polls, products, gifts…). Features own their state; the room
 * only asks them for records when it builds snapshots and deltas.
 */
export interface RoomFeature {
  /** The collection name on the wire (`polls`). */
  readonly coll: string;
  /** Every record of the room, as viewers see them. */
  all(room: Room): Record<string, RecordValue>;
  /** One record as viewers see it, or null when it is gone. */
  get(room: Room, id: string): RecordValue | null;
  /** What this viewer has done here (own votes…), for the snapshot's `viewer.mine[coll]`. */
  mine?(room: Room, viewerKey: string): Record<string, unknown>;
  /** The room was brought into memory (load stored records, re-arm timers). */
  load?(room: Room): void;
  /** Reload the room's records from storage after a failed write; returns the ids to rebroadcast. */
  reload?(room: Room): Iterable<string>;
}

interface RoomDeps {
  store: Store;
  clock: Clock;
  flushIntervalMs: number;
  features: RoomFeature[];
}

export class Room {
  readonly id: string;
  readonly version: string;
  seq: number;
  /** False until the room holds something worth keeping; viewers joining alone write nothing. */
  persisted: boolean;
  readonly polls = new Map<string, PollRecord>();
  readonly clients = new Set<RoomClient>();
  private readonly viewers = new Map<string, number>();
  private readonly dirty = new Map<string, { coll: string; id: string }>();
  private stateJson: string | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly deps: RoomDeps;

  constructor(deps: RoomDeps, init: { id: string; version: string; seq: number; persisted: boolean }) {
    this.deps = deps;
    this.id = init.id;
    this.version = init.version;
    this.seq = init.seq;
    this.persisted = init.persisted;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  join(client: RoomClient): void {
    this.clients.add(client);
    this.viewers.set(client.viewer.key, (this.viewers.get(client.viewer.key) ?? 0) + 1);
  }

  leave(client: RoomClient): void {
    if (!this.clients.delete(client)) return;
    const left = (this.viewers.get(client.viewer.key) ?? 1) - 1;
    if (left > 0) this.viewers.set(client.viewer.key, left);
    else this.viewers.delete(client.viewer.key);
  }

  /** Stores the room row the first time the room gets state. */
  persist(): void {
    if (this.persisted) return;
    this.deps.store.insertRoom({ id: this.id, version: this.version, seq: this.seq }, this.deps.clock.now());
    this.persisted = true;
  }

  /** Queues a record for the next delta. */
  changed(coll: string, id: string): void {
    this.dirty.set(`${coll}/${id}`, { coll, id });
    this.stateJson = null;
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlush + this.deps.flushIntervalMs - performance.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /** Sends the pending delta now (also used on shutdown). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.dirty.size === 0) return;
    const changes: Change[] = [];
    for (const { coll, id } of this.dirty.values()) changes.push({ coll, id, value: this.record(coll, id) });
    this.dirty.clear();
    this.seq += 1;
    this.lastFlush = performance.now();
    if (this.persisted) this.deps.store.setSeq(this.id, this.seq);
    if (this.clients.size === 0) return;
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

  /** The snapshot frame for one viewer; the shared state part is serialized once per change. */
  snapshot(viewer: ViewerState): string {
    this.stateJson ??= JSON.stringify(this.state());
    return `{"t":"snapshot","room":${JSON.stringify(this.id)},"version":${JSON.stringify(this.version)},"seq":${this.seq},"state":${this.stateJson},"viewer":${JSON.stringify(viewer)},"now":${this.deps.clock.now()}}`;
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** Every collection's records, as viewers see them. */
  state(): Record<string, Record<string, RecordValue>> {
    return Object.fromEntries(this.deps.features.map((feature) => [feature.coll, feature.all(this)]));
  }

  /** The viewer's own state in every collection, for the snapshot. */
  mine(viewerKey: string): ViewerState['mine'] {
    const out: ViewerState['mine'] = {};
    for (const feature of this.deps.features)
      if (feature.mine) out[feature.coll] = feature.mine(this, viewerKey);
    return out;
  }

  private record(coll: string, id: string): RecordValue | null {
    return this.deps.features.find((feature) => feature.coll === coll)?.get(this, id) ?? null;
  }
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly deps: RoomDeps;

  constructor(deps: Omit<RoomDeps, 'features'>) {
    this.deps = { ...deps, features: [] };
  }

  /** Adds a kind of record (polls, products, gifts…) to every room. */
  use(feature: RoomFeature): void {
    this.deps.features.push(feature);
  }

  get(id: string): Room {
    const existing = this.rooms.get(id);
    if (existing) return existing;
    const row = this.deps.store.room(id);
    const room = row
      ? new Room(this.deps, { id, version: row.version, seq: row.seq, persisted: true })
      : new Room(this.deps, { id, version: randomBytes(9).toString('base64url'), seq: 0, persisted: false });
    this.rooms.set(id, room);
    for (const feature of this.deps.features) feature.load?.(room);
    return room;
  }

  /** Reloads a room's records from the file (after a failed write) and rebroadcasts them all. */
  reload(id: string): void {
    const room = this.rooms.get(id);
    if (!room) return;
    for (const feature of this.deps.features)
      for (const record of feature.reload?.(room) ?? []) room.changed(feature.coll, record);
  }

  /** Forgets a room nobody is in and nothing was stored for, so unknown room ids cost no memory. */
  release(room: Room): void {
    if (room.persisted || room.clients.size > 0 || this.rooms.get(room.id) !== room) return;
    room.dispose();
    this.rooms.delete(room.id);
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  flushAll(): void {
    for (const room of this.rooms.values()) room.flush();
  }
}
