/**
 * A room as one node of the cluster serves it to its own viewers, whoever owns it: a copy of the
 * room's records (loaded from Redis, then kept by the owner's deltas) for snapshots, the room's
 * deltas passed on to this node's sockets, and every action or ops request sent to the owner
 * through the room's inbox.
 *
 * Deltas carry the owner's seq. A delta that does not follow the last one (a message lost while
 * the subscription reconnected) makes this copy load the room from Redis again; the viewers see
 * the same gap in their seq and ask for a snapshot (protocol resync), which comes from the
 * reloaded copy.
 */
import type { AnyFeature, Clock } from '@onair/core/feature.js';
import { type AckFrame, type RecordValue, type SnapshotFrame, snapshotFrames } from '@onair/core/protocol.js';
import type { Redis } from 'ioredis';
import { mergeMine } from '../acks.js';
import type { Viewer } from '../identity.js';
import type { HostedRoom } from '../room-host.js';
import type { CommandResult, RoomClient } from '../rooms.js';
import { FollowerEngine } from './follower-engine.js';
import { type RoomKeys, roomKeys, splitField, walletKey } from './keys.js';
import { type DeltaMessage, randomVersion, toMine } from './owner.js';
import type { Request } from './requests.js';

/** What a node room needs of its node. */
export interface NodeRoomDeps {
  redis: Redis;
  features: readonly AnyFeature[];
  clock: Clock;
  /** Subscribes this node to a channel (resolves once subscribed). */
  subscribe(channel: string): Promise<void>;
  /** Sends a request to the room's owner; `answer` gets the owner's answer. */
  forward(
    room: string,
    request: DistributiveOmit<Request, 'node' | 'req'>,
    answer: (text: string) => void,
  ): void;
  onError(error: unknown, room: string): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class NodeRoom implements HostedRoom {
  readonly id: string;
  readonly keys: RoomKeys;
  readonly engine: FollowerEngine;
  version = '';
  seq = 0;
  readonly clients = new Set<RoomClient>();
  /** Clients that got their snapshot: deltas go to them only. */
  private readonly active = new Set<RoomClient>();
  private readonly connections = new Map<string, number>();
  private loading: Promise<void> | null = null;
  private loaded = false;
  /** Deltas that arrived while loading. */
  private early: DeltaMessage[] = [];
  private readonly deps: NodeRoomDeps;

  constructor(deps: NodeRoomDeps, id: string) {
    this.deps = deps;
    this.id = id;
    this.keys = roomKeys(id);
    this.engine = new FollowerEngine({ room: id, features: deps.features, now: () => deps.clock.now() });
  }

  get viewerCount(): number {
    return this.connections.size;
  }

  /** No client of this node in the room. */
  get idle(): boolean {
    return this.clients.size === 0;
  }

  ready(): Promise<void> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** A delta message of the room's owner. */
  receive(message: DeltaMessage): void {
    if (!this.loaded) {
      if (this.loading) this.early.push(message);
      return;
    }
    const last = message.s + message.f.length - 1;
    if (last <= this.seq && message.s <= this.seq) return; // already in what was loaded
    if (message.s !== this.seq + 1) {
      this.reload();
      return;
    }
    this.engine.apply(message.c.map(([coll, id, value]) => ({ coll, id, value })));
    this.seq = last;
    for (const frame of message.f) {
      const data = Buffer.from(JSON.stringify(frame));
      for (const client of this.active) client.send(data);
    }
  }

  join(client: RoomClient): void {
    this.clients.add(client);
    const key = client.viewer.key;
    this.connections.set(key, (this.connections.get(key) ?? 0) + 1);
  }

  leave(client: RoomClient, released: () => void): void {
    if (!this.clients.delete(client)) return;
    this.active.delete(client);
    const key = client.viewer.key;
    const left = (this.connections.get(key) ?? 1) - 1;
    if (left > 0) this.connections.set(key, left);
    else this.connections.delete(key);
    released();
  }

  async snapshot(viewer: Viewer, client: RoomClient): Promise<string[]> {
    await this.ready();
    const [own, wallet] = await Promise.all([
      this.deps.redis.hgetall(this.keys.mine(viewer.key)),
      this.deps.redis.hgetall(walletKey(viewer.key)),
    ]);
    // From here on synchronous: the frames and the client's first delta follow one another.
    const mine = this.engine.mineView(mergeMine(toMine(own), toMine(wallet)));
    const you = viewer.credential
      ? { id: viewer.id, credential: viewer.credential, mine }
      : { id: viewer.id, mine };
    const whole: SnapshotFrame = {
      t: 'snapshot',
      room: this.id,
      version: this.version,
      seq: this.seq,
      viewer: you,
      now: this.deps.clock.now(),
      state: this.engine.publicState(),
    };
    if (this.clients.has(client)) this.active.add(client);
    return snapshotFrames(whole).map((frame) => JSON.stringify(frame));
  }

  /** The owner answers repeated keys, whichever node they arrive at. */
  replay(): boolean {
    return false;
  }

  act(
    viewer: Viewer,
    name: string,
    payload: unknown,
    key: string,
    reply: (ack: AckFrame | string) => void,
    latencyMs: number,
  ): void {
    this.deps.forward(
      this.id,
      { kind: 'action', viewer: { id: viewer.id, key: viewer.key }, key, name, payload, latencyMs },
      reply,
    );
  }

  command(name: string, input: unknown): Promise<CommandResult> {
    return this.ask('command', name, input);
  }

  query(name: string, input: unknown): Promise<CommandResult> {
    return this.ask('query', name, input);
  }

  private ask(kind: 'command' | 'query', name: string, input: unknown): Promise<CommandResult> {
    return new Promise((resolve) =>
      this.deps.forward(this.id, { kind, name, input }, (text) => {
        const answer = JSON.parse(text) as CommandResult & { result?: RecordValue };
        resolve(answer);
      }),
    );
  }

  private async load(): Promise<void> {
    await this.deps.subscribe(this.keys.deltas);
    await this.read();
  }

  /** Reads the room as stored (records and seq in one transaction), then the deltas since. */
  private async read(): Promise<void> {
    const k = this.keys;
    await this.deps.redis.hsetnx(k.meta, 'version', randomVersion());
    const results = await this.deps.redis.multi().hgetall(k.records).hmget(k.meta, 'version', 'seq').exec();
    if (!results) throw new Error(`reading room ${this.id} was aborted`);
    for (const [err] of results) if (err) throw err;
    const records = results[0]![1] as Record<string, string>;
    const [version, seq] = results[1]![1] as (string | null)[];
    this.engine.load(
      Object.entries(records).map(([name, value]) => ({ ...splitField(name), value: JSON.parse(value) })),
    );
    this.version = version ?? '';
    this.seq = Number(seq ?? 0);
    this.loaded = true;
    for (const message of this.early.splice(0)) this.receive(message);
  }

  private reload(): void {
    this.loaded = false;
    this.early = [];
    this.read().catch((error: unknown) => {
      this.deps.onError(error, this.id);
      this.loading = null; // the next snapshot tries again
    });
  }
}
