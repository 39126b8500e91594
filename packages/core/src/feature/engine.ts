/**
 * The room engine: one room's authoritative records for a set of features, and the one place that
 * runs their handlers. Both hosts hold one engine per room — the in-page room as its whole state,
 * the server in front of SQLite — so validation, refusals, what is broadcast, what a viewer sees
 * of their own records and when timers fire cannot differ between them.
 *
 * The engine applies record changes to memory at once; storing them, answering, idempotency and
 * sending deltas are the host's. Private records (`mine`) stay with the host: it passes the acting
 * viewer's in and applies the changes it gets back.
 */

import { byteLength } from '../protocol/codec.js';
import type { Change, RecordValue, RoomState } from '../protocol/frames.js';
import { findReservedKey } from '../protocol/keys.js';
import { MAX_RECORD_BYTES } from '../protocol/split.js';
import type { ValidationIssue } from '../validation/issue.js';
import { formatIssue } from '../validation/messages.js';
import {
  type AnyFeature,
  type DomainError,
  type LogEntry,
  type LogFilter,
  type LoggedEntry,
  MAX_LATENCY_ALLOWANCE_MS,
  type MineMap,
  type Outcome,
  type Records,
  type RoomView,
  type ViewerRef,
} from './types.js';

/** One private record of a viewer changed by a handler (`value: null` removes it). */
export interface MineChange {
  coll: string;
  id: string;
  value: unknown;
  /** Shared by every room (a wallet), else this room's. */
  viewerScoped: boolean;
}

/** A handler's success, already applied to the engine's records. */
export interface Done {
  ok: true;
  result: RecordValue;
  /** Records as stored (for persistence), in the order they changed. */
  changes: Change[];
  /** Public records that changed: the ack's `changes` and the next delta. */
  published: { coll: string; id: string }[];
  /** The viewer's private records that changed; the host applies them. */
  mine: MineChange[];
  /** Private records of every viewer to delete, by collection and id. */
  forget: { coll: string; id: string }[];
  append: LogEntry[];
  /** What the viewer sees of their own records after the change (the ack's `mine`), if any changed. */
  ackMine?: MineMap;
}

export type Refused = { ok: false; error: DomainError };
export type Ran = Done | Refused;

export interface EngineOptions {
  room: string;
  features: readonly AnyFeature[];
  now(): number;
  random?(): number;
  /** A record's timer was set (`at`, epoch ms) or cleared (`null`); the host runs `expire()` at `at`. */
  timer?(coll: string, id: string, at: number | null): void;
  /** A handler threw: a bug. The caller gets `internal_error`. */
  onError?(error: unknown): void;
}

interface Owner {
  feature: AnyFeature;
  coll: string;
}

export class RoomEngine {
  /** Protected for a cluster node's follower engine (@onair/server), which applies stored records. */
  protected readonly records = new Map<string, Map<string, object>>();
  private readonly owners = new Map<string, Owner>();
  private readonly privateOwners = new Map<string, AnyFeature>();
  private readonly options: EngineOptions;
  private readonly dirty = new Map<string, { coll: string; id: string }>();
  private readonly view: RoomView<Record<string, object>>;

  constructor(options: EngineOptions) {
    this.options = options;
    for (const feature of options.features) {
      for (const coll of Object.keys(feature.collections)) {
        if (this.owners.has(coll)) throw new TypeError(`collection "${coll}" is declared twice`);
        this.owners.set(coll, { feature, coll });
        this.records.set(coll, new Map());
      }
      for (const coll of feature.private ?? []) this.privateOwners.set(coll, feature);
    }
    this.seed();
    const records = this.records;
    this.view = {
      get: (coll, id) => records.get(coll)?.get(id),
      all: (coll) => records.get(coll) ?? new Map(),
    };
  }

  get features(): readonly AnyFeature[] {
    return this.options.features;
  }

  /** Replaces every record with stored ones (a room brought into memory) and arms their timers. */
  load(rows: Iterable<{ coll: string; id: string; value: object }>): void {
    for (const [coll, records] of this.records) {
      for (const id of records.keys()) this.options.timer?.(coll, id, null);
      records.clear();
    }
    for (const { coll, id, value } of rows) {
      const records = this.records.get(coll);
      if (!records) continue; // a collection of a feature this host does not run
      records.set(id, value);
      this.arm(coll, id, value);
    }
    this.seed();
  }

  /** Puts each collection's `initial` records where nothing is stored under their ids. */
  private seed(): void {
    for (const feature of this.options.features)
      for (const [coll, def] of Object.entries(feature.collections))
        for (const [id, value] of Object.entries(def.initial ?? {}))
          if (!this.records.get(coll)!.has(id)) this.records.get(coll)!.set(id, value as object);
  }

  /** Every stored record (as the host persists them). */
  *rows(): Generator<{ coll: string; id: string; value: object }> {
    for (const [coll, records] of this.records) for (const [id, value] of records) yield { coll, id, value };
  }

  get(coll: string, id: string): object | undefined {
    return this.records.get(coll)?.get(id);
  }

  /** When a record's timer is due, or null. */
  due(coll: string, value: object): number | null {
    const owner = this.owners.get(coll);
    return owner?.feature.collections[coll]?.due?.(value) ?? null;
  }

  isPublic(coll: string): boolean {
    const owner = this.owners.get(coll);
    return !!owner && owner.feature.collections[coll]?.view !== false;
  }

  /** A record as viewers see it, or null when removed or never sent to viewers. */
  publicRecord(coll: string, id: string): RecordValue | null {
    const owner = this.owners.get(coll);
    const record = this.records.get(coll)?.get(id);
    if (!owner || !record) return null;
    const view = owner.feature.collections[coll]?.view;
    if (view === false) return null;
    return (view ? view(record) : record) as RecordValue;
  }

  /** The room as viewers see it: every public collection, even when empty. */
  publicState(): RoomState {
    const state: RoomState = {};
    for (const [coll, records] of this.records) {
      if (!this.isPublic(coll)) continue;
      const out: Record<string, RecordValue> = {};
      for (const id of records.keys()) out[id] = this.publicRecord(coll, id)!;
      state[coll] = out;
    }
    return state;
  }

  /** The room as ops see it: public collections with full records (quiz answers, hidden tallies). */
  opsState(): RoomState {
    const state: RoomState = {};
    for (const [coll, records] of this.records)
      if (this.isPublic(coll)) state[coll] = Object.fromEntries(records) as Record<string, RecordValue>;
    return state;
  }

  /** Whether a private record is shared by every room (a wallet) rather than this room's. */
  isViewerScoped(coll: string, id: string): boolean {
    return this.privateOwners.get(coll)?.viewerScoped?.[coll]?.includes(id) ?? false;
  }

  /** What a viewer sees of their own private records (the snapshot's `viewer.mine`). */
  mineView(mine: MineMap): MineMap {
    const out: MineMap = {};
    for (const feature of this.options.features) Object.assign(out, this.featureMine(feature, mine));
    return out;
  }

  /** Marks public records for the next delta. */
  touch(refs: Iterable<{ coll: string; id: string }>): void {
    for (const ref of refs) if (this.isPublic(ref.coll)) this.dirty.set(`${ref.coll}\n${ref.id}`, ref);
  }

  /** Whether a delta is waiting. */
  get changed(): boolean {
    return this.dirty.size > 0;
  }

  /** The latest value of every record touched since the last call: the next delta's changes. */
  takeDelta(): Change[] {
    const changes: Change[] = [];
    for (const { coll, id } of this.dirty.values())
      changes.push({ coll, id, value: this.publicRecord(coll, id) });
    this.dirty.clear();
    return changes;
  }

  /** The logs an action's feature writes (where a replayed key would already stand). */
  logsOf(action: string): readonly string[] {
    return this.options.features.find((f) => f.actions && Object.hasOwn(f.actions, action))?.logs ?? [];
  }

  /**
   * Runs a viewer action. `mine` is the viewer's private records (both scopes, merged);
   * `latencyMs` the connection's measured round trip, capped here so every host caps it alike.
   */
  act(viewer: ViewerRef, mine: MineMap, name: string, payload: unknown, key: string, latencyMs = 0): Ran {
    const feature = this.options.features.find((f) => f.actions && Object.hasOwn(f.actions, name));
    const action = feature?.actions?.[name];
    if (!feature || !action) {
      const known = this.options.features.flatMap((f) => Object.keys(f.actions ?? {})).join(', ');
      return refuse('unknown_action', `unknown action "${name.slice(0, 64)}"; expected ${known}`, 'name');
    }
    const reserved = findReservedKey(payload, 'payload');
    if (reserved !== null) return reservedKey(reserved);
    const parsed = action.parse(payload);
    if (!parsed.ok) {
      const issue = prefixed(parsed.issues[0]!, 'payload');
      const custom = issue.key === 'reserved' ? undefined : action.invalid?.(parsed.issues[0]!);
      return { ok: false, error: custom ?? invalidIssue('invalid_action', issue) };
    }
    const ctx = {
      viewer,
      key,
      latencyMs: allowance(latencyMs),
      mine: this.featureMine(feature, mine, true),
      ...this.clock(),
    };
    return this.run(feature, mine, () => action.run(this.view, parsed.value, ctx));
  }

  /** The command's target viewer (a grant's), or null; an invalid input is refused. */
  commandViewer(
    name: string,
    input: unknown,
    kind: 'ops' | 'queries' = 'ops',
  ): { ok: true; viewer: { id: string; signed: boolean } | null } | Refused {
    const found = this.prepare(kind, name, input);
    return found.ok ? { ok: true, viewer: found.def.viewer?.(found.value) ?? null } : found;
  }

  /** Runs an ops command; `viewer` and `mine` are its target viewer's (see `commandViewer`). */
  runCommand(name: string, input: unknown, viewer: ViewerRef | null = null, mine: MineMap = {}): Ran {
    const found = this.prepare('ops', name, input);
    if (!found.ok) return found;
    const clock = this.clock();
    // A key for the command's log rows, from the handlers' own randomness: the same on every host.
    const key = `ops-${Math.floor(clock.random() * 2 ** 48).toString(36)}`;
    const ctx = { viewer, key, mine: this.featureMine(found.feature, mine, true), ...clock };
    return this.run(found.feature, mine, () => found.def.run(this.view, found.value, ctx));
  }

  /** Runs an ops query; `log` reads the room's log rows from the host's storage. */
  runQuery(
    name: string,
    input: unknown,
    log: (name: string, filter: LogFilter) => LoggedEntry[],
    viewer: ViewerRef | null = null,
    mine: MineMap = {},
  ): { ok: true; result: object } | Refused {
    const found = this.prepare('queries', name, input);
    if (!found.ok) return found;
    const ctx = { viewer, log, mine: this.featureMine(found.feature, mine, true), ...this.clock() };
    try {
      return found.def.run(this.view, found.value, ctx);
    } catch (error) {
      this.options.onError?.(error);
      return refuse('internal_error', `query "${name}" failed; nothing was changed`);
    }
  }

  /** Runs a record's timer; null when it is not due (changed since it was armed). */
  expire(coll: string, id: string): Ran | null {
    const owner = this.owners.get(coll);
    const record = this.records.get(coll)?.get(id);
    const def = owner?.feature.collections[coll];
    const at = record ? this.due(coll, record) : null;
    if (!owner || !def?.expire || at === null || at > this.options.now()) return null;
    const ctx = { room: this.options.room, mine: {}, now: at, random: this.options.random ?? Math.random };
    return this.run(owner.feature, {}, () => def.expire!(this.view, id, ctx));
  }

  private clock() {
    return { room: this.options.room, now: this.options.now(), random: this.options.random ?? Math.random };
  }

  /** Finds a command or query by name and checks its input: reserved keys, then its parser. */
  private prepare<K extends 'ops' | 'queries'>(
    kind: K,
    name: string,
    input: unknown,
  ): { ok: true; feature: AnyFeature; def: NonNullable<AnyFeature[K]>[string]; value: unknown } | Refused {
    const feature = this.options.features.find((f) => f[kind] && Object.hasOwn(f[kind], name));
    if (!feature) return refuse('unknown_command', `unknown command "${name.slice(0, 64)}"`);
    const def = (feature[kind] as Record<string, NonNullable<AnyFeature[K]>[string]>)[name]!;
    const reserved = findReservedKey(input, '');
    if (reserved !== null) return reservedKey(reserved);
    const parsed = def.parse(input);
    if (!parsed.ok) return { ok: false, error: invalidIssue('invalid_body', parsed.issues[0]!) };
    return { ok: true, feature, def, value: parsed.value };
  }

  /**
   * The feature's private collections of `mine`: as stored (`own`, what handlers get), or as the
   * viewer sees them, every collection present even when empty.
   */
  private featureMine(feature: AnyFeature, mine: MineMap, own = false): MineMap {
    const out: MineMap = {};
    for (const coll of feature.private ?? [])
      if (Object.hasOwn(mine, coll)) out[coll] = mine[coll]!;
      else if (!own) out[coll] = {};
    if (own) for (const coll of feature.borrows ?? []) if (Object.hasOwn(mine, coll)) out[coll] = mine[coll]!;
    return own || !feature.viewMine ? out : (feature.viewMine(this.view, out) as MineMap);
  }

  /** Calls a handler and applies its changes; a throw or a bad outcome is a bug: `internal_error`. */
  private run(feature: AnyFeature, mine: MineMap, handler: () => Outcome<Records, MineMap>): Ran {
    let outcome: Outcome<Records, MineMap>;
    try {
      outcome = handler();
      if (outcome.ok) this.checkOwnership(feature, outcome);
    } catch (error) {
      this.options.onError?.(error);
      return refuse('internal_error', `${feature.name} failed to handle this; nothing was changed`);
    }
    if (!outcome.ok) return outcome;
    const changes = (outcome.changes ?? []) as Change[];
    const oversize = changes.find(
      (c) => c.value !== null && this.isPublic(c.coll) && this.tooLarge(c.coll, c.value),
    );
    if (oversize)
      return refuse(
        'record_too_large',
        `${oversize.coll}/${oversize.id} would be over ${MAX_RECORD_BYTES} bytes, more than a frame may carry`,
      );
    for (const change of changes) {
      const records = this.records.get(change.coll)!;
      if (change.value === null) records.delete(change.id);
      else records.set(change.id, change.value);
      this.arm(change.coll, change.id, change.value);
    }
    const done: Done = {
      ok: true,
      result: outcome.result as RecordValue,
      changes,
      published: changes.filter((c) => this.isPublic(c.coll)).map(({ coll, id }) => ({ coll, id })),
      mine: [],
      forget: (outcome.forget ?? []).map(({ coll, id }) => ({ coll, id })),
      append: outcome.append ?? [],
    };
    if (outcome.mine) {
      const after: MineMap = { ...mine };
      for (const [coll, records] of Object.entries(outcome.mine as MineMap)) {
        const merged = { ...after[coll] };
        for (const [id, value] of Object.entries(records)) {
          done.mine.push({ coll, id, value, viewerScoped: this.isViewerScoped(coll, id) });
          if (value === null) delete merged[id];
          else merged[id] = value;
        }
        after[coll] = merged;
      }
      // As the feature shows them, and a borrowed collection (the wallet a rain credits) as its owner does.
      done.ackMine = {};
      for (const f of [feature, ...(feature.borrows ?? []).flatMap((c) => this.privateOwners.get(c) ?? [])])
        Object.assign(
          done.ackMine,
          f.viewMine ? f.viewMine(this.view, this.featureMine(f, after, true)) : outcome.mine,
        );
    }
    return done;
  }

  /** Whether a record as viewers would see it is over the size every frame can carry. */
  private tooLarge(coll: string, value: object): boolean {
    const view = this.owners.get(coll)?.feature.collections[coll]?.view;
    return byteLength(JSON.stringify(view ? view(value) : value)) > MAX_RECORD_BYTES;
  }

  /** A feature may only change its own collections. */
  private checkOwnership(
    feature: AnyFeature,
    outcome: { changes?: { coll: string }[]; mine?: object; forget?: { coll: string }[] },
  ): void {
    for (const { coll } of outcome.changes ?? [])
      if (this.owners.get(coll)?.feature !== feature)
        throw new TypeError(`${feature.name} changed "${coll}", a collection it does not own`);
    const touched = [...Object.keys(outcome.mine ?? {}), ...(outcome.forget ?? []).map((f) => f.coll)];
    for (const coll of touched)
      if (![...(feature.private ?? []), ...(feature.borrows ?? [])].includes(coll))
        throw new TypeError(`${feature.name} changed private "${coll}", a collection it does not own`);
  }

  private arm(coll: string, id: string, value: object | null): void {
    const timer = this.options.timer;
    if (timer && this.owners.get(coll)?.feature.collections[coll]?.due)
      timer(coll, id, value === null ? null : this.due(coll, value));
  }
}

/** A measured round trip as handlers get it: whole ms from 0 to the cap (anything else is 0). */
function allowance(latencyMs: number): number {
  return Number.isFinite(latencyMs)
    ? Math.min(MAX_LATENCY_ALLOWANCE_MS, Math.max(0, Math.round(latencyMs)))
    : 0;
}

function prefixed(issue: ValidationIssue, prefix: string): ValidationIssue {
  return { ...issue, path: issue.path ? `${prefix}.${issue.path}` : prefix };
}

/** An invalid input's first issue as a refusal; a reserved name gets its own code. */
function invalidIssue(code: string, issue: ValidationIssue): DomainError {
  const message = formatIssue(issue);
  const named = issue.key === 'reserved' ? 'reserved_key' : code;
  return issue.path ? { code: named, message, path: issue.path } : { code: named, message };
}

function reservedKey(path: string): Refused {
  return refuse(
    'reserved_key',
    `${path}: a reserved name (__proto__, constructor, prototype) cannot be a key`,
    path,
  );
}

function refuse(code: string, message: string, path?: string): Refused {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}
