/**
 * A room this node owns: the one engine that runs its handlers and timers, while the node holds
 * the room's lease. It applies the room's inbox in order, in batches: a batch's writes (records,
 * private records, acks, log rows, the inbox position) go to Redis in one fenced script, and only
 * when Redis answered are the batch's requests answered. Its coalesced deltas follow, published
 * (by another fenced script) to every node with viewers in the room.
 *
 * Anything that leaves memory and Redis apart — a refused (fenced) write, a wallet changed by
 * another room's owner meanwhile, a failed call — drops the room: the next owner, this node or
 * another, loads it again from Redis and goes on from the inbox position stored with the last
 * commit, so each request is applied exactly once.
 */

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Clock, Done, LogFilter, LoggedEntry, MineMap, Ran, ViewerRef } from '@onair/core/feature.js';
import { RoomEngine, viewerKey } from '@onair/core/feature.js';
import {
  type AckFrame,
  type Change,
  type DeltaFrame,
  type RecordValue,
  splitChanges,
} from '@onair/core/protocol.js';
import type { Redis } from 'ioredis';
import { mergeMine, withChanges } from '../acks.js';
import { field, type RoomKeys, roomKeys, splitField, walletKey } from './keys.js';
import { parseRequest, type Request, replyMessage } from './requests.js';
import { COMMIT_KEYS, type CommitBatch, scripts } from './scripts.js';

export interface OwnerDeps {
  redis: Redis;
  features: ConstructorParameters<typeof RoomEngine>[0]['features'];
  clock: Clock;
  random(): number;
  flushIntervalMs: number;
  /** How long acks stay in Redis, ms. */
  ackRetentionMs: number;
  onError(error: unknown): void;
  /** The room cannot go on here (lost lease, conflict, failed call): drop it. */
  onLost(room: OwnedRoom, why: string): void;
  /** The room read its inbox to the end: the node's blocking read should watch it again. */
  onHungry(room: OwnedRoom): void;
  /** Counts a round trip to Redis on the action path (the bench reports them per vote). */
  roundTrip(): void;
}

/** Room-scoped private records cached per viewer; the owner is their only writer. */
const VIEWERS_CACHED = 10_000;

/** Inbox entries read at a time: the most one batch (one commit) applies. */
export const READ_COUNT = 1_000;

/** The message a room's deltas travel in between nodes. */
export interface DeltaMessage {
  /** The first seq of `frames` (with none, the seq the next delta will take). */
  s: number;
  /** Delta frames as viewers get them. */
  f: DeltaFrame[];
  /** Every record changed as stored, `[coll, id, value or null]`, for the nodes' own engines. */
  c: [string, string, object | null][];
}

interface Answer {
  node: string;
  req: string;
  /** The answer as sent, or an accepted ack still waiting for its `changes`. */
  text: string;
  published?: { coll: string; id: string }[];
}

/** Writes collected for one commit. */
class Batch {
  readonly keys: string[];
  readonly body: CommitBatch;
  private readonly index = new Map<string, number>();
  readonly answers: Answer[] = [];
  readonly published: { coll: string; id: string }[] = [];
  readonly changed = new Map<string, { coll: string; id: string }>();
  /** Acks written in this batch, by `viewer\nkey`, for a repeat inside it. */
  readonly acks = new Map<string, string>();
  /** Wallet records as read before the batch, by `key\nfield`: each is checked once. */
  private readonly checked = new Set<string>();

  constructor(keys: RoomKeys, token: string, retention: number) {
    this.keys = COMMIT_KEYS.map((name) => keys[name]);
    this.body = {
      token,
      pos: null,
      records: [],
      dirty: [],
      hashes: [],
      cas: [],
      acks: [],
      logs: [],
      forget: [],
      viewers: [],
      minePrefix: keys.mine(''),
      retention,
    };
  }

  key(name: string): number {
    let at = this.index.get(name);
    if (at === undefined) {
      this.keys.push(name);
      at = this.keys.length;
      this.index.set(name, at);
    }
    return at;
  }

  check(key: string, name: string, expected: string | false): void {
    const id = `${key}\n${name}`;
    if (this.checked.has(id)) return;
    this.checked.add(id);
    this.body.cas.push([this.key(key), name, expected]);
  }

  get writes(): boolean {
    const b = this.body;
    return b.pos !== null || b.records.length + b.hashes.length + b.acks.length + b.logs.length > 0;
  }
}

interface ViewerCache {
  ref: ViewerRef;
  /** Private records of this room. */
  mine: MineMap;
}

/** A viewer's wallet as read for this batch: records, and their stored text for the check. */
interface Wallet {
  mine: MineMap;
  raw: Map<string, string>;
}

export class OwnedRoom {
  readonly id: string;
  readonly token: string;
  readonly keys: RoomKeys;
  readonly engine: RoomEngine;
  version = '';
  seq = 0;
  /** The last inbox entry taken for processing. */
  readId = '0-0';
  lost = false;
  /** Applying inbox entries, or reading the next ones; the node's blocking read leaves it alone. */
  private working = false;
  private work: Promise<void> = Promise.resolve();
  private readonly viewers = new Map<string, ViewerCache>();
  private readonly timers = new Map<string, { cancel(): void }>();
  /** Records changed since the last delta, as stored, public or not. */
  private readonly changed = new Map<string, { coll: string; id: string }>();
  private flushTimer: NodeJS.Timeout | null = null;
  /** The flush interval passed while a batch was being applied: the delta goes out after it. */
  private flushDue = false;
  /** Records whose timer fired while a batch was being applied: they expire right after it. */
  private expiring: { coll: string; id: string }[] = [];
  private lastFlush = Number.NEGATIVE_INFINITY;
  private lastWork = 0;
  private readonly deps: OwnerDeps;

  private constructor(deps: OwnerDeps, id: string, token: string) {
    this.deps = deps;
    this.id = id;
    this.token = token;
    this.keys = roomKeys(id);
    this.engine = new RoomEngine({
      room: id,
      features: deps.features,
      now: () => deps.clock.now(),
      random: deps.random,
      timer: (coll, rid, at) => this.arm(coll, rid, at),
      onError: deps.onError,
    });
    this.lastWork = deps.clock.now();
  }

  /** Loads the room from Redis for an owner that just took its lease with `token`. */
  static async load(deps: OwnerDeps, id: string, token: string): Promise<OwnedRoom> {
    const room = new OwnedRoom(deps, id, token);
    const k = room.keys;
    await deps.redis.hsetnx(k.meta, 'version', randomVersion());
    const results = await deps.redis
      .multi()
      .hgetall(k.records)
      .hmget(k.meta, 'version', 'seq', 'pos')
      .smembers(k.dirty)
      .exec();
    if (!results) throw new Error(`loading room ${id} was aborted`);
    for (const [err] of results) if (err) throw err;
    const records = results[0]![1] as Record<string, string>;
    const [version, seq, pos] = results[1]![1] as (string | null)[];
    const dirty = results[2]![1] as string[];
    room.engine.load(
      Object.entries(records).map(([name, value]) => ({ ...splitField(name), value: JSON.parse(value) })),
    );
    room.version = version ?? '';
    room.seq = Number(seq ?? 0);
    room.readId = pos ?? '0-0';
    // Changes the last owner stored but never sent in a delta go out in this owner's first one.
    const refs = dirty.map(splitField);
    room.engine.touch(refs);
    for (const ref of refs) room.changed.set(field(ref.coll, ref.id), ref);
    if (refs.length) room.scheduleFlush();
    return room;
  }

  /** Whether the node's blocking read should watch this room's inbox now. */
  get hungry(): boolean {
    return !this.lost && !this.working;
  }

  /** Nothing queued, no timer armed, no delta waiting, and quiet for `ms`. */
  idleFor(ms: number): boolean {
    return (
      !this.working &&
      this.timers.size === 0 &&
      this.flushTimer === null &&
      !this.flushDue &&
      this.deps.clock.now() - this.lastWork >= ms
    );
  }

  /**
   * Takes inbox entries (`[id, fields]`) the node's blocking read found, applies them, then reads
   * and applies what came meanwhile, all of it at once, until the inbox is read to the end. Under
   * load a batch thus holds everything that arrived during the last commit: one commit for many
   * actions, as the single node's group commit does.
   */
  take(entries: [string, string[]][]): void {
    if (!entries.length || this.working) return;
    this.working = true;
    this.readId = entries[entries.length - 1]![0];
    this.serial(async () => {
      let next: [string, string[]][] = entries;
      while (next.length && !this.lost) {
        await this.process(next);
        await this.expireDue();
        await this.flushIfDue();
        this.deps.roundTrip();
        const answer = (await this.deps.redis.xread(
          'COUNT',
          READ_COUNT,
          'STREAMS',
          this.keys.inbox,
          this.readId,
        )) as [string, [string, string[]][]][] | null;
        next = answer?.[0]?.[1] ?? [];
        if (next.length) this.readId = next[next.length - 1]![0];
      }
      await this.expireDue();
      await this.flushIfDue();
      this.working = false;
      // A timer that fired, or a flush that came due, during the last await found us working and
      // left its work to us: run it now, or nothing would until the next action.
      if (this.expiring.length) this.serial(() => this.expireDue());
      if (this.flushDue) this.serial(() => this.flushIfDue());
      if (!this.lost) this.deps.onHungry(this);
    });
  }

  /** Stops: timers cancelled, no more work; what was not committed stays in the inbox. */
  dispose(): void {
    this.lost = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    this.expiring = [];
  }

  /** Resolves once everything queued so far is done (tests and shutdown). */
  idle(): Promise<void> {
    return this.work;
  }

  /** Whether inbox entries are being applied or a delta is waiting for its flush. */
  get busy(): boolean {
    return this.working || this.flushTimer !== null || this.flushDue || this.expiring.length > 0;
  }

  private serial(fn: () => Promise<void>): void {
    this.work = this.work.then(async () => {
      if (this.lost) return;
      try {
        await fn();
      } catch (error) {
        this.lose(`failed: ${(error as Error).message}`);
      }
    });
  }

  private lose(why: string): void {
    if (this.lost) return;
    this.dispose();
    this.deps.onLost(this, why);
  }

  private async process(entries: [string, string[]][]): Promise<void> {
    this.lastWork = this.deps.clock.now();
    const requests: Request[] = [];
    for (const [, fields] of entries) {
      const request = parseRequest(fields);
      if (request) requests.push(request);
    }
    // Queries read logs: everything before one is committed first.
    let start = 0;
    for (let i = 0; i <= requests.length; i++) {
      const request = requests[i];
      if (request && request.kind !== 'query') continue;
      const pos = i === requests.length ? entries[entries.length - 1]![0] : null;
      if (i > start || pos) await this.apply(requests.slice(start, i), pos);
      if (request?.kind === 'query') await this.query(request as Request & { kind: 'query' });
      start = i + 1;
    }
  }

  /** Applies actions and commands, commits them with the inbox position, then answers them. */
  private async apply(requests: Request[], pos: string | null): Promise<void> {
    const prefetch = await this.prefetch(requests);
    const batch = new Batch(this.keys, this.token, this.deps.ackRetentionMs);
    batch.body.pos = pos;
    for (const request of requests) {
      if (request.kind === 'action') this.act(batch, request, prefetch);
      else if (request.kind === 'command') this.command(batch, request, prefetch.wallets);
    }
    await this.commit(batch);
  }

  /** Reads in one round trip what the batch needs: stored acks, viewers not cached, wallets. */
  private async prefetch(requests: Request[]): Promise<Prefetched> {
    const pipe = this.deps.redis.pipeline();
    let count = 0;
    const ackAt: number[] = [];
    const viewers = new Map<string, ViewerRef>();
    for (const request of requests) {
      const ref = request.kind === 'action' ? request.viewer : this.commandTarget(request);
      if (ref) viewers.set(ref.key, ref);
      if (request.kind !== 'action') continue;
      pipe.hget(this.keys.acks(request.viewer.key), request.key);
      ackAt.push(count++);
    }
    const plan: { ref: ViewerRef; load: number | null; wallet: number }[] = [];
    for (const ref of viewers.values()) {
      let load: number | null = null;
      if (!this.viewers.has(ref.key)) {
        pipe.hgetall(this.keys.mine(ref.key));
        load = count++;
      }
      pipe.hgetall(walletKey(ref.key));
      plan.push({ ref, load, wallet: count++ });
    }
    if (count) this.deps.roundTrip();
    const replies = count ? ((await pipe.exec()) ?? []) : [];
    const values = replies.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
    const wallets = new Map<string, Wallet>();
    for (const { ref, load, wallet } of plan) {
      if (load !== null) this.cache({ ref, mine: toMine(values[load] as Record<string, string>) });
      const raw = values[wallet] as Record<string, string>;
      wallets.set(ref.key, { mine: toMine(raw), raw: new Map(Object.entries(raw)) });
    }
    return { stored: ackAt.map((at) => (values[at] as string | null) ?? null), wallets, nextAck: 0 };
  }

  private commandTarget(request: Request): ViewerRef | null {
    if (request.kind !== 'command') return null;
    const target = this.engine.commandViewer(request.name, request.input);
    if (!target.ok || !target.viewer) return null;
    return { id: target.viewer.id, key: viewerKey(target.viewer.id, target.viewer.signed) };
  }

  private act(batch: Batch, request: Request & { kind: 'action' }, prefetch: Prefetched): void {
    const { viewer, key } = request;
    const index = prefetch.nextAck++;
    const stored = batch.acks.get(`${viewer.key}\n${key}`) ?? prefetch.stored[index];
    const answer = (text: string, published?: { coll: string; id: string }[]) =>
      batch.answers.push({ node: request.node, req: request.req, text, ...(published ? { published } : {}) });
    if (stored) {
      answer(stored);
      return;
    }
    const wallet = prefetch.wallets.get(viewer.key)!;
    const cached = this.viewers.get(viewer.key)!;
    const mine = mergeMine(cached.mine, wallet.mine);
    const ran = this.engine.act(viewer, mine, request.name, request.payload, key, request.latencyMs);
    if (!ran.ok) {
      answer(JSON.stringify({ t: 'ack', key, ok: false, error: ran.error } satisfies AckFrame));
      return;
    }
    const ack: AckFrame = { t: 'ack', key, ok: true, result: ran.result };
    if (ran.ackMine) ack.mine = ran.ackMine;
    const text = JSON.stringify(ack);
    this.write(batch, ran, viewer, wallet);
    batch.acks.set(`${viewer.key}\n${key}`, text);
    batch.body.acks.push([batch.key(this.keys.acks(viewer.key)), key, text]);
    answer(text, ran.published);
  }

  private command(batch: Batch, request: Request, wallets: Map<string, Wallet>): void {
    const ref = this.commandTarget(request);
    const wallet = ref ? wallets.get(ref.key)! : undefined;
    const mine = ref ? mergeMine(this.viewers.get(ref.key)!.mine, wallet!.mine) : {};
    const ran = this.engine.runCommand(request.name, (request as { input: unknown }).input, ref, mine);
    if (ran.ok) this.write(batch, ran, ref, wallet);
    batch.answers.push({ node: request.node, req: request.req, text: JSON.stringify(commandAnswer(ran)) });
  }

  /** Runs an ops query after the writes before it are committed; logs are read from Redis. */
  private async query(request: Request & { kind: 'query' }): Promise<void> {
    const target = this.engine.commandViewer(request.name, request.input, 'queries');
    let ref: ViewerRef | null = null;
    let mine: MineMap = {};
    if (target.ok && target.viewer) {
      ref = { id: target.viewer.id, key: viewerKey(target.viewer.id, target.viewer.signed) };
      const [own, wallet] = await Promise.all([
        this.deps.redis.hgetall(this.keys.mine(ref.key)),
        this.deps.redis.hgetall(walletKey(ref.key)),
      ]);
      mine = mergeMine(toMine(own), toMine(wallet));
    }
    // A query names the logs it reads as it runs: run it, read what it asked for, run it again.
    const logs = new Map<string, LoggedEntry[]>();
    let answer: ReturnType<RoomEngine['runQuery']> | undefined;
    for (let round = 0; round < 4; round++) {
      const missing: [string, string, LogFilter][] = [];
      answer = this.engine.runQuery(
        request.name,
        request.input,
        (log, filter) => {
          const id = JSON.stringify([log, filter]);
          const rows = logs.get(id);
          if (!rows) missing.push([id, log, filter]);
          return rows ?? [];
        },
        ref,
        mine,
      );
      if (!missing.length) break;
      for (const [id, log, filter] of missing) logs.set(id, await this.readLog(log, filter));
    }
    const body = answer!.ok ? { ok: true, result: answer!.result } : answer!;
    await this.deps.redis.publish(
      `onair:node:${request.node}`,
      replyMessage(request.req, JSON.stringify(body)),
    );
  }

  /** The newest `limit` rows of a log matching `filter`, oldest first, read newest first in pages. */
  private async readLog(log: string, filter: LogFilter): Promise<LoggedEntry[]> {
    const found: LoggedEntry[] = [];
    let end = '+';
    for (;;) {
      const page = (await this.deps.redis.xrevrange(this.keys.log(log), end, '-', 'COUNT', 500)) as [
        string,
        string[],
      ][];
      for (const [id, flat] of page) {
        const f = Object.fromEntries(pairs(flat));
        const viewer = f['v'] ?? '';
        const key = f['k'] ?? '';
        if (filter.viewer !== undefined && viewer !== filter.viewer) continue;
        if (filter.prefix !== undefined && !key.startsWith(filter.prefix)) continue;
        found.push({
          log,
          seq: Number(f['s']),
          viewer,
          key,
          at: Number(f['a']),
          row: JSON.parse(f['r'] ?? '{}') as object,
        });
        if (found.length >= filter.limit) return found.reverse();
        end = id;
      }
      if (page.length < 500) return found.reverse();
      end = `(${page[page.length - 1]![0]}`;
    }
  }

  /** Adds every write of `ran` to the batch and applies its private changes to the caches. */
  private write(batch: Batch, ran: Done, ref: ViewerRef | null, wallet: Wallet | undefined): void {
    const b = batch.body;
    for (const { coll, id, value } of ran.changes) {
      const name = field(coll, id);
      b.records.push([name, value === null ? false : JSON.stringify(value)]);
      b.dirty.push(name);
      batch.changed.set(name, { coll, id });
    }
    batch.published.push(...ran.published);
    for (const { coll, id } of ran.forget) {
      b.forget.push(field(coll, id));
      for (const cached of this.viewers.values()) removeMine(cached.mine, coll, id);
    }
    if (ref && ran.mine.length) {
      const cached = this.viewers.get(ref.key)!;
      if (!b.viewers.includes(ref.key)) b.viewers.push(ref.key);
      for (const { coll, id, value, viewerScoped } of ran.mine) {
        const name = field(coll, id);
        const text = value === null ? false : JSON.stringify(value);
        if (viewerScoped && wallet) {
          const key = walletKey(ref.key);
          // Another room's owner may have spent from this wallet since we read it: checked in the script.
          batch.check(key, name, wallet.raw.get(name) ?? false);
          b.hashes.push([batch.key(key), name, text]);
          setMine(wallet.mine, coll, id, value);
        } else {
          b.hashes.push([batch.key(this.keys.mine(ref.key)), name, text]);
          setMine(cached.mine, coll, id, value);
        }
      }
    }
    const at = String(this.deps.clock.now());
    for (const entry of ran.append)
      b.logs.push([
        batch.key(this.keys.log(entry.log)),
        entry.viewer,
        entry.key,
        at,
        JSON.stringify(entry.row),
      ]);
  }

  /** Stores the batch (fenced), then answers its requests and queues its changes for a delta. */
  private async commit(batch: Batch): Promise<void> {
    if (batch.writes) {
      this.deps.roundTrip();
      const result = await scripts.commit(this.deps.redis, batch.keys, batch.body);
      if (result !== 'ok') {
        this.lose(result === 'fenced' ? 'the lease was lost (fenced)' : 'a wallet changed meanwhile');
        return;
      }
    }
    for (const [name, ref] of batch.changed) this.changed.set(name, ref);
    this.engine.touch(batch.published);
    if (batch.answers.length) {
      const pipe = this.deps.redis.pipeline();
      for (const answer of batch.answers) {
        const text = answer.published ? withChanges(answer.text, this.values(answer.published)) : answer.text;
        pipe.publish(`onair:node:${answer.node}`, replyMessage(answer.req, text));
      }
      // Not awaited: the next command on this connection (the next inbox read, a delta) is run by
      // Redis after these, so the answers still leave before any delta carrying their changes, and
      // a batch costs one round trip less.
      this.deps.roundTrip();
      pipe.exec().then(
        (results) => {
          for (const [err] of results ?? []) if (err) this.deps.onError(err);
        },
        (err: unknown) => this.deps.onError(err),
      );
    }
    if (this.changed.size) this.scheduleFlush();
  }

  private values(refs: { coll: string; id: string }[]): Change[] {
    return refs.map(({ coll, id }) => ({ coll, id, value: this.engine.publicRecord(coll, id) }));
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.lost) return;
    const wait = Math.max(0, this.lastFlush + this.deps.flushIntervalMs - performance.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flushDue = true;
      // While the inbox keeps coming, `take` sends the delta between two batches.
      if (!this.working) this.serial(() => this.flushIfDue());
    }, wait);
  }

  /** Runs the timers that fired: each expiry is stored (fenced) before the next runs. */
  private async expireDue(): Promise<void> {
    for (const { coll, id } of this.expiring.splice(0)) {
      if (this.lost) return;
      const ran = this.engine.expire(coll, id);
      if (!ran?.ok) continue;
      const batch = new Batch(this.keys, this.token, this.deps.ackRetentionMs);
      this.write(batch, ran, null, undefined);
      await this.commit(batch);
    }
  }

  private async flushIfDue(): Promise<void> {
    if (!this.flushDue) return;
    this.flushDue = false;
    await this.flush();
  }

  /** Publishes one delta message with every change since the last, and stores its seq. */
  private async flush(): Promise<void> {
    if (!this.changed.size && !this.engine.changed) return;
    this.lastFlush = performance.now();
    const groups = splitChanges(this.engine.takeDelta());
    const first = this.seq + 1;
    const now = this.deps.clock.now();
    const frames: DeltaFrame[] = groups.map((changes, i) => ({
      t: 'delta',
      room: this.id,
      version: this.version,
      seq: first + i,
      changes,
      now,
    }));
    const stored: DeltaMessage['c'] = [...this.changed.values()].map(({ coll, id }) => [
      coll,
      id,
      (this.engine.get(coll, id) as object | undefined) ?? null,
    ]);
    this.changed.clear();
    const message: DeltaMessage = { s: first, f: frames, c: stored };
    const seq = this.seq + frames.length;
    const k = this.keys;
    this.deps.roundTrip();
    const result = await scripts.delta(
      this.deps.redis,
      [k.lease, k.meta, k.dirty],
      this.token,
      seq,
      k.deltas,
      JSON.stringify(message),
    );
    if (result !== 'ok') {
      this.lose('the lease was lost (fenced)');
      return;
    }
    this.seq = seq;
  }

  private cache(entry: ViewerCache): void {
    this.viewers.delete(entry.ref.key);
    this.viewers.set(entry.ref.key, entry);
    // The oldest is read again from Redis when next needed: the owner is its only writer.
    if (this.viewers.size > VIEWERS_CACHED) this.viewers.delete(this.viewers.keys().next().value!);
  }

  private arm(coll: string, id: string, at: number | null): void {
    const ref = field(coll, id);
    this.timers.get(ref)?.cancel();
    this.timers.delete(ref);
    if (at === null || this.lost) return;
    const fire = () => {
      this.timers.delete(ref);
      this.expiring.push({ coll, id });
      // While the inbox keeps coming, `take` runs it between two batches.
      if (!this.working) this.serial(() => this.expireDue());
    };
    const wait = at - this.deps.clock.now();
    if (wait <= 0) {
      let cancelled = false;
      queueMicrotask(() => cancelled || fire());
      this.timers.set(ref, { cancel: () => (cancelled = true) });
    } else this.timers.set(ref, this.deps.clock.setTimer(fire, wait));
  }
}

interface Prefetched {
  /** Each action's stored ack, in order, or null. */
  stored: (string | null)[];
  nextAck: number;
  wallets: Map<string, Wallet>;
}

function commandAnswer(ran: Ran): { ok: true; result: RecordValue } | { ok: false; error: object } {
  return ran.ok ? { ok: true, result: ran.result } : { ok: false, error: ran.error };
}

/**
 * A new room's history id (the protocol's `version`). Not from the handlers' randomness: which
 * node draws it first must not change what the handlers draw.
 */
export function randomVersion(): string {
  return randomBytes(9).toString('base64url');
}

function* pairs(flat: string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i]!, flat[i + 1]!];
}

/** Stored private records (`coll\nid` → JSON) as a viewer's records. */
export function toMine(raw: Record<string, string>): MineMap {
  const mine: MineMap = {};
  for (const [name, value] of Object.entries(raw)) {
    const { coll, id } = splitField(name);
    setMine(mine, coll, id, JSON.parse(value));
  }
  return mine;
}

function setMine(mine: MineMap, coll: string, id: string, value: unknown): void {
  const records = { ...mine[coll] };
  if (value === null) delete records[id];
  else records[id] = value;
  mine[coll] = records;
}

function removeMine(mine: MineMap, coll: string, id: string): void {
  if (mine[coll] && Object.hasOwn(mine[coll], id)) setMine(mine, coll, id, null);
}
