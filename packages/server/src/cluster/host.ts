/**
 * Cluster mode's host of the live features: one node of several sharing state through Redis.
 *
 * - Every node serves its own viewers from a `NodeRoom` per room, and sends every action and ops
 *   request to the room's inbox (a Redis Stream); the answer comes back on this node's channel.
 * - One node at a time owns a room: it holds the room's lease (`SET NX PX` with a token drawn from
 *   a counter), renews it, and runs the room (`OwnedRoom`). Every write checks the token inside
 *   Redis, so an owner that lost the lease writes nothing more.
 * - Nodes with viewers in a room, or requests waiting for it, try to take its lease each tick: a
 *   dead owner's rooms are taken over once its lease expires. An owner lets go of a room that has
 *   been quiet for a while and has no viewers on its node, so rooms move to where viewers are.
 */
import { randomBytes } from 'node:crypto';
import type { AnyFeature, Clock } from '@onair/core/feature.js';
import { Redis } from 'ioredis';
import type { HostedRoom, RoomHost } from '../room-host.js';
import { RoomsFull } from '../rooms.js';
import { nodeChannel, roomKeys } from './keys.js';
import { NodeRoom } from './node-room.js';
import { type DeltaMessage, OwnedRoom, READ_COUNT } from './owner.js';
import { parseReply, parseRequest, type Request, requestFields } from './requests.js';
import { defineScripts, scripts } from './scripts.js';
import { ClusterTelemetry } from './telemetry.js';

export interface ClusterOptions {
  /** `redis://host:port/db`. */
  url: string;
  /** How long a lease lasts without renewal, ms: the longest a dead owner's rooms wait. Default 2000. */
  leaseMs?: number;
  features: readonly AnyFeature[];
  clock: Clock;
  random(): number;
  flushIntervalMs: number;
  ackRetentionMs: number;
  maxRooms: number;
  log: {
    info(obj: unknown, msg: string): void;
    warn(obj: unknown, msg: string): void;
    error(obj: unknown, msg: string): void;
  };
}

/** Entries kept in a room's inbox while no owner reads it; the oldest go first past this. */
const INBOX_MAX = 100_000;
/** Requests of this node waiting for their answer; past this new ones are refused. */
const MAX_WAITING = 50_000;
/** A request unanswered this long is forgotten (its client sends it again after reconnecting). */
const ANSWER_TIMEOUT_MS = 30_000;
/** An owned room quiet this long with no viewer on this node is let go. */
const IDLE_RELEASE_MS = 10_000;
/** How long one blocking read of the inboxes waits, ms (new owned rooms join at the next read). */
const READ_BLOCK_MS = 100;

interface Waiting {
  room: string;
  /** The inbox entry's fields, to send an action again. */
  fields: string[];
  action: boolean;
  /** The room's lease holder as this node last saw it when the request was (last) sent. */
  holder: string;
  answer(text: string): void;
  timer: NodeJS.Timeout;
}

export class ClusterHost implements RoomHost {
  readonly node = randomBytes(9).toString('base64url');
  readonly features: readonly AnyFeature[];
  private readonly options: ClusterOptions;
  private readonly leaseMs: number;
  /** Commands and scripts. */
  readonly redis: Redis;
  /** Pub/sub: this node's answers and the deltas of its rooms. */
  private readonly sub: Redis;
  /** Blocking reads of the owned rooms' inboxes. */
  private readonly reader: Redis;
  /** Telemetry events of every node into one stream, drained once (see `telemetry.ts`). */
  readonly telemetry: ClusterTelemetry;
  private readonly rooms = new Map<string, NodeRoom>();
  private readonly byChannel = new Map<string, NodeRoom>();
  private readonly owned = new Map<string, OwnedRoom>();
  private readonly taking = new Set<string>();
  private readonly waiting = new Map<string, Waiting>();
  /** Each room's lease holder (token) as this node last saw it, for rooms it bids for or owns. */
  private readonly holders = new Map<string, string>();
  private requests = 0;
  /** Round trips to Redis on the action path: forwards, inbox reads, and the owners' (bench). */
  roundTrips = 0;
  private tickTimer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  /** The blocking read's connection id (for `CLIENT UNBLOCK`) and the rooms it waits on now. */
  private readerId = 0;
  private watched = new Set<OwnedRoom>();
  private unblocking = false;
  /** Ends the reader's pause while it owns no room to read. */
  private nap: (() => void) | null = null;
  private closed = false;

  constructor(options: ClusterOptions) {
    this.options = options;
    this.features = options.features;
    this.leaseMs = options.leaseMs ?? 2_000;
    // Commands wait for a reconnect rather than fail after a few tries: an owner that cannot
    // reach Redis stops renewing, and its writes are refused once the lease is gone.
    const connect = () => new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: true });
    this.redis = connect();
    this.sub = connect();
    this.reader = connect();
    const events = connect();
    this.telemetry = new ClusterTelemetry(this.redis, events, this.node, options.log);
    defineScripts(this.redis);
    for (const client of [this.redis, this.sub, this.reader, events])
      client.on('error', (err) => options.log.warn({ err }, 'redis connection error'));
    this.sub.on('message', (channel: string, message: string) => this.message(channel, message));
  }

  /** Connects, checks Redis keeps writes, and starts reading and renewing. */
  async start(): Promise<void> {
    await Promise.all([this.redis.connect(), this.sub.connect(), this.reader.connect()]);
    await this.sub.subscribe(nodeChannel(this.node));
    this.readerId = Number(await this.reader.client('ID'));
    await this.checkPersistence();
    await this.telemetry.start();
    this.tickTimer = setInterval(() => this.tick(), Math.max(50, Math.floor(this.leaseMs / 4)));
    this.reading = this.read();
  }

  get(id: string): NodeRoom {
    const existing = this.rooms.get(id);
    if (existing) return existing;
    if (this.rooms.size >= this.options.maxRooms) throw new RoomsFull(this.options.maxRooms);
    const room = new NodeRoom(
      {
        redis: this.redis,
        features: this.features,
        clock: this.options.clock,
        subscribe: async (channel) => {
          await this.sub.subscribe(channel);
        },
        forward: (roomId, request, answer) => this.forward(roomId, request, answer),
        onError: (err, roomId) => this.options.log.error({ err, room: roomId }, 'cluster room failed'),
      },
      id,
    );
    this.rooms.set(id, room);
    this.byChannel.set(room.keys.deltas, room);
    // A node with viewers in a room offers to own it at once: the first action needs no tick.
    if (!this.owned.has(id)) this.take([id]);
    return room;
  }

  release(room: HostedRoom): void {
    const node = this.rooms.get(room.id);
    if (!node || node !== room || !node.idle) return;
    this.rooms.delete(room.id);
    this.byChannel.delete(node.keys.deltas);
    this.sub.unsubscribe(node.keys.deltas).catch(() => {});
  }

  /** Rooms this node owns now (tests, health). */
  get ownedRooms(): string[] {
    return [...this.owned.keys()];
  }

  get size(): number {
    return this.rooms.size;
  }

  /**
   * Resolves once this node's requests are answered, its owned rooms have done their work and sent
   * their deltas, and every delta published so far has reached this node (tests settle on it).
   */
  async settle(): Promise<void> {
    for (;;) {
      await Promise.all([...this.owned.values()].map((room) => room.idle()));
      if (!this.waiting.size && ![...this.owned.values()].some((room) => room.busy)) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // Redis answers this after the messages it published before: they have been handled here.
    await this.sub.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.reader.disconnect();
    await this.reading?.catch(() => {});
    await this.telemetry.close();
    // Work taken is finished and the leases given back, so the next owner starts at once.
    const owned = [...this.owned.values()];
    await Promise.all(owned.map((room) => room.idle()));
    await Promise.all(
      owned.map((room) => {
        room.dispose();
        return scripts.release(this.redis, room.keys.lease, room.token).catch(() => {});
      }),
    );
    this.owned.clear();
    for (const waiting of this.waiting.values()) clearTimeout(waiting.timer);
    this.waiting.clear();
    await Promise.all([this.redis.quit(), this.sub.quit()].map((p) => p.catch(() => {})));
  }

  private forward(
    room: string,
    request: DistributiveOmit<Request, 'node' | 'req'>,
    answer: (text: string) => void,
  ): void {
    if (this.waiting.size >= MAX_WAITING) {
      this.options.log.warn({ room }, 'too many requests waiting for their owner; refusing');
      answer(busyAnswer(request));
      return;
    }
    const req = (++this.requests).toString(36);
    const timer = setTimeout(() => {
      this.waiting.delete(req);
      this.options.log.warn({ room, req }, 'no answer from the room owner in time; forgotten');
    }, ANSWER_TIMEOUT_MS);
    timer.unref();
    const fields = requestFields({ ...request, node: this.node, req } as Request);
    const action = request.kind === 'action';
    const holder = this.holders.get(room) ?? '';
    this.waiting.set(req, { room, fields, action, holder, answer, timer });
    this.send(room, req, fields);
  }

  private send(room: string, req: string, fields: string[]): void {
    this.roundTrips++;
    this.redis.xadd(roomKeys(room).inbox, 'MAXLEN', '~', INBOX_MAX, '*', ...fields).catch((err: unknown) => {
      this.options.log.error({ err, room }, 'forwarding to the room owner failed');
      const waiting = this.waiting.get(req);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.waiting.delete(req);
      waiting.answer(failedAnswer(fields));
    });
  }

  /**
   * Sends again the actions waiting since before the room's lease changed hands: an owner that
   * died after storing one but before answering leaves it unanswered, and the next owner answers a
   * key it has stored with its first ack. Ops commands carry no key and are not sent twice; they
   * time out.
   */
  private resend(): void {
    for (const [req, waiting] of this.waiting) {
      const holder = this.holders.get(waiting.room);
      if (!waiting.action || holder === undefined || holder === waiting.holder) continue;
      waiting.holder = holder;
      this.send(waiting.room, req, waiting.fields);
    }
  }

  private message(channel: string, message: string): void {
    const room = this.byChannel.get(channel);
    if (room) {
      let parsed: DeltaMessage;
      try {
        parsed = JSON.parse(message) as DeltaMessage;
      } catch (err) {
        this.options.log.error({ err, room: room.id }, 'unreadable delta message');
        return;
      }
      room.receive(parsed);
      return;
    }
    const reply = parseReply(message);
    const waiting = reply && this.waiting.get(reply.req);
    if (!reply || !waiting) return; // answered already, or forgotten after its timeout
    clearTimeout(waiting.timer);
    this.waiting.delete(reply.req);
    waiting.answer(reply.answer);
  }

  /** Renews owned leases, lets quiet rooms go, and bids for rooms that need an owner. */
  private tick(): void {
    if (this.closed) return;
    const owned = [...this.owned.values()];
    const pipe = this.redis.pipeline();
    for (const room of owned) scripts.renew(pipe, room.keys.lease, room.token, this.leaseMs);
    pipe
      .exec()
      .then((results) => {
        owned.forEach((room, i) => {
          const [err, kept] = results?.[i] ?? [new Error('no answer'), 0];
          if (!err && kept === 1) return;
          if (this.owned.get(room.id) === room) this.drop(room, 'the lease could not be renewed');
        });
      })
      .catch((err: unknown) => this.options.log.warn({ err }, 'renewing leases failed'));
    for (const room of owned) {
      const node = this.rooms.get(room.id);
      if ((!node || node.idle) && room.idleFor(IDLE_RELEASE_MS)) this.letGo(room);
    }
    const wanted = new Set<string>(this.rooms.keys());
    for (const waiting of this.waiting.values()) wanted.add(waiting.room);
    for (const id of this.holders.keys()) if (!wanted.has(id) && !this.owned.has(id)) this.holders.delete(id);
    this.take([...wanted].filter((id) => !this.owned.has(id)));
  }

  /** Bids for the leases of rooms; those won are loaded and read. */
  private take(ids: string[]): void {
    const bids = ids.filter((id) => !this.taking.has(id) && !this.closed);
    if (!bids.length) return;
    for (const id of bids) this.taking.add(id);
    const pipe = this.redis.pipeline();
    for (const id of bids) {
      const keys = roomKeys(id);
      scripts.acquire(pipe, keys.lease, keys.fence, this.leaseMs, this.node);
    }
    pipe
      .exec()
      .then(async (results) => {
        await Promise.all(
          bids.map(async (id, i) => {
            const [err, answer] = results?.[i] ?? [new Error('no answer'), null];
            const [won, token] = (answer ?? [0, '']) as [number, string];
            if (!err && token) this.holders.set(id, String(token));
            if (err || won !== 1) return;
            try {
              const room = await OwnedRoom.load(this.ownerDeps(), id, String(token));
              if (this.closed) {
                await scripts.release(this.redis, room.keys.lease, room.token);
                return;
              }
              this.owned.set(id, room);
              this.wake(room);
              this.options.log.info({ room: id, token: room.token, node: this.node }, 'owning room');
            } catch (err) {
              this.options.log.error({ err, room: id }, 'loading an owned room failed');
              await scripts.release(this.redis, roomKeys(id).lease, String(token)).catch(() => {});
            }
          }),
        );
      })
      .catch((err: unknown) => this.options.log.warn({ err }, 'bidding for leases failed'))
      .finally(() => {
        for (const id of bids) this.taking.delete(id);
        this.resend();
      });
  }

  private ownerDeps() {
    return {
      redis: this.redis,
      features: this.features,
      clock: this.options.clock,
      random: this.options.random,
      flushIntervalMs: this.options.flushIntervalMs,
      ackRetentionMs: this.options.ackRetentionMs,
      onError: (err: unknown) => this.options.log.error({ err }, 'a feature handler failed'),
      onLost: (room: OwnedRoom, why: string) => {
        if (this.owned.get(room.id) === room) this.drop(room, why);
      },
      roundTrip: () => {
        this.roundTrips++;
      },
      onHungry: (room: OwnedRoom) => this.wake(room),
    };
  }

  private drop(room: OwnedRoom, why: string): void {
    room.dispose();
    this.owned.delete(room.id);
    // A lease still ours (a wallet conflict, a failed call) is given back, so the room is loaded
    // again at the next tick instead of after the lease runs out; a lost one is not ours to free.
    scripts.release(this.redis, room.keys.lease, room.token).catch(() => {});
    this.options.log.warn({ room: room.id, token: room.token, why }, 'no longer owning room');
  }

  private letGo(room: OwnedRoom): void {
    this.owned.delete(room.id);
    room.dispose();
    scripts.release(this.redis, room.keys.lease, room.token).catch(() => {});
  }

  /**
   * A room read its inbox to the end while the blocking read waits on others: cut that read short,
   * so the next one watches this room too (else its next entry would wait out the block).
   */
  private wake(room: OwnedRoom): void {
    if (this.nap) {
      this.nap();
      return;
    }
    if (this.watched.has(room) || this.unblocking || !this.readerId || this.closed) return;
    this.unblocking = true;
    this.redis.client('UNBLOCK', this.readerId).catch(() => {});
  }

  /** Reads the inboxes of the owned rooms and hands each room its entries, until closed. */
  private async read(): Promise<void> {
    while (!this.closed) {
      const rooms = [...this.owned.values()].filter((room) => room.hungry);
      this.watched = new Set(rooms);
      this.unblocking = false;
      if (!rooms.length) {
        await new Promise<void>((resolve) => {
          this.nap = resolve;
          setTimeout(resolve, READ_BLOCK_MS);
        });
        this.nap = null;
        continue;
      }
      let answer: [string, [string, string[]][]][] | null;
      try {
        this.roundTrips++;
        answer = (await this.reader.xread(
          'COUNT',
          READ_COUNT,
          'BLOCK',
          READ_BLOCK_MS,
          'STREAMS',
          ...rooms.map((room) => room.keys.inbox),
          ...rooms.map((room) => room.readId),
        )) as [string, [string, string[]][]][] | null;
      } catch (err) {
        if (this.closed) return;
        this.options.log.warn({ err }, 'reading the inboxes failed');
        await new Promise((resolve) => setTimeout(resolve, READ_BLOCK_MS));
        continue;
      }
      for (const [key, entries] of answer ?? []) {
        const room = rooms.find((r) => r.keys.inbox === key);
        if (room && this.owned.get(room.id) === room) room.take(entries);
      }
    }
  }

  /** Warns when Redis would lose acknowledged writes on a crash (see the README's cluster mode). */
  private async checkPersistence(): Promise<void> {
    try {
      const [, appendonly] = (await this.redis.config('GET', 'appendonly')) as string[];
      const [, fsync] = (await this.redis.config('GET', 'appendfsync')) as string[];
      if (appendonly !== 'yes' || fsync !== 'always')
        this.options.log.warn(
          { appendonly, appendfsync: fsync },
          'redis is not set to fsync every write (appendonly yes, appendfsync always): acknowledged actions can be lost if redis crashes',
        );
    } catch {
      // Managed Redis often refuses CONFIG; the README says what to set.
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function busyAnswer(request: DistributiveOmit<Request, 'node' | 'req'>): string {
  const error = { code: 'rate_limited', message: 'the server holds all the requests it may; retry shortly' };
  return request.kind === 'action'
    ? JSON.stringify({ t: 'ack', key: request.key, ok: false, error })
    : JSON.stringify({ ok: false, error });
}

function failedAnswer(fields: string[]): string {
  const error = { code: 'internal_error', message: 'the server could not pass this on; retry' };
  const request = parseRequest(fields);
  return request?.kind === 'action'
    ? JSON.stringify({ t: 'ack', key: request.key, ok: false, error })
    : JSON.stringify({ ok: false, error });
}
