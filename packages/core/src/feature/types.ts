/**
 * The feature contract: everything a live widget family (polls, gifts, products, …) needs to run,
 * written once and run alike by every host — the in-page room (static embeds, the gallery, tests)
 * and the reference server (SQLite, later Redis).
 *
 * A feature owns collections of records. Handlers are pure: they read the room's records and the
 * acting viewer's private records, and return what changes; time and randomness come only through
 * their context, so a handler gives the same answer on every host. Hosts store, broadcast, time and
 * deduplicate; they know nothing of polls or gifts.
 */
import type { ValidationIssue } from '../validation/issue.js';

/** A refusal in the feature's own words; hosts turn it into an ack or an HTTP answer. */
export interface DomainError {
  /** Stable machine code: `poll_closed`, `unknown_product`, … */
  code: string;
  /** English text naming the field or the reason. */
  message: string;
  /** The field at fault, when there is one (`payload.choice[0]`, `options[1].label`). */
  path?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };
/** Validates untrusted input; issues carry paths relative to the input. */
export type Parser<T> = (input: unknown) => Parsed<T>;

/** A feature's record type per collection: `{ polls: PollRecord }` (an interface is fine). */
export type Records = object;
/** A viewer's private records per collection, then per id: `{ polls: { [poll: string]: PollVote } }`. */
export type Mine = object;
/** Private records as hosts hold them, whatever the feature. */
export type MineMap = { [coll: string]: { [id: string]: unknown } };
/** What a viewer sees of their own records: collections may be left out. */
export type MineView = { [coll: string]: { [id: string]: unknown } | undefined };

type Key<T> = keyof T & string;

/** One record replaced (`value`) or removed (`null`). */
export type RecordChange<R extends Records> = {
  [C in Key<R>]: { coll: C; id: string; value: R[C] | null };
}[Key<R>];

/** Private records replaced (`value`) or removed (`null`), per collection and id. */
export type MineChanges<M extends Mine> = { [C in Key<M>]?: { [I in Key<M[C]>]?: M[C][I] | null } };

/** One row for an append-only log the feature declared (the gift ledger). */
export interface LogEntry {
  log: string;
  /** Viewer key the row is about (`a:<id>`), for lookups by viewer. */
  viewer: string;
  /** Unique per log, room and viewer: a second row with the same key is never written. */
  key: string;
  row: object;
}

/** A stored log row, oldest first. */
export interface LoggedEntry extends LogEntry {
  seq: number;
  at: number;
}

/** What a successful handler asks the host to do. */
export interface Applied<R extends Records, M extends Mine, T extends object> {
  ok: true;
  result: T;
  changes?: RecordChange<R>[];
  mine?: MineChanges<M>;
  /** Private records of every viewer to delete (a deleted poll's votes), by collection and id. */
  forget?: { coll: Key<M>; id: string }[];
  append?: LogEntry[];
}

export type Outcome<R extends Records, M extends Mine, T extends object = object> =
  | Applied<R, M, T>
  | { ok: false; error: DomainError };

/** Read access to the room's records of the feature's collections. */
export interface RoomView<R extends Records> {
  get<C extends Key<R>>(coll: C, id: string): R[C] | undefined;
  all<C extends Key<R>>(coll: C): ReadonlyMap<string, R[C]>;
}

export interface ViewerRef {
  /** The id other viewers may see (a gift's sender). */
  id: string;
  /** The storage key of the viewer's private records (`a:<id>` anonymous, `s:<id>` signed). */
  key: string;
}

export interface Context<M extends Mine> {
  /** The room's id. */
  room: string;
  /** Epoch ms: the host's clock, or a timer's deadline. */
  now: number;
  /** A uniform number in [0, 1); the only randomness a handler may use. */
  random(): number;
  /** The acting viewer's private records of this feature (empty for ops without a viewer). */
  mine: Readonly<Partial<M>>;
}

/**
 * The most a host allows for an action's trip over the network, ms: a connection's measured round
 * trip counts up to this, so a client that delays its answers to pings gains no more.
 */
export const MAX_LATENCY_ALLOWANCE_MS = 250;

export interface ActionContext<M extends Mine> extends Context<M> {
  viewer: ViewerRef;
  /** The action's idempotency key. */
  key: string;
  /**
   * The acting connection's latency allowance, ms: its round trip as its host measured it (the
   * server from its own pings, the in-page room from its configured latency), at most
   * `MAX_LATENCY_ALLOWANCE_MS`, 0 when not measured. A feature that times viewers against a
   * deadline (a quiz answer) subtracts it from `now`; other features ignore it.
   */
  latencyMs: number;
}

export interface OpsContext<M extends Mine> extends Context<M> {
  /** The viewer the command is about (`viewer()` of the command), or null. */
  viewer: ViewerRef | null;
  /** A key unique to this command, for log rows. */
  key: string;
}

/** Which rows of a log a query reads: the newest `limit`, of one viewer, with keys starting `prefix`. */
export interface LogFilter {
  viewer?: string;
  /** Only rows whose key starts with it (a survey's: `s1/`). */
  prefix?: string;
  limit: number;
}

export interface QueryContext<M extends Mine> extends Context<M> {
  viewer: ViewerRef | null;
  /** The newest `limit` rows of a log of this room that match `filter`, oldest first. */
  log(name: string, filter: LogFilter): LoggedEntry[];
}

/** A viewer action: `poll.vote`, `gift.send`. */
export interface ActionDefinition<R extends Records, M extends Mine, P> {
  parse: Parser<P>;
  /** Turns the first issue of an invalid payload into the refusal (default: `invalid_action`). */
  invalid?(issue: ValidationIssue): DomainError | undefined;
  run(state: RoomView<R>, payload: P, ctx: ActionContext<M>): Outcome<R, M>;
  /** A per-viewer budget of this action on servers, on top of the channel's own action limit. */
  limit?: { rate: number; burst: number };
}

/**
 * How a command or query is reached over HTTP under `/v1/rooms/:room`: the host derives the route,
 * checks the ops token, parses the body and answers errors in one place.
 */
export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the room: `/polls/:poll/open`. */
  path: string;
  /** Status of a success (default 200). */
  status?: number;
  /** The command's input from the request. */
  input(request: { params: Record<string, string>; query: Record<string, string>; body: unknown }): unknown;
  /** The input field the body went into, so error paths read relative to the body again. */
  bodyAt?: string;
  /**
   * A success answered as something other than JSON (a CSV export): the body, its content type and
   * the file name it downloads as; `undefined` answers the result as JSON.
   */
  send?(result: object): { type: string; body: string; filename?: string } | undefined;
}

/** An ops command: changes the room (open a poll, pin a product, grant coins). */
export interface OpsCommand<R extends Records, M extends Mine, P> {
  parse: Parser<P>;
  /** The viewer whose private records the command reads and changes, if any. */
  viewer?(payload: P): { id: string; signed: boolean } | null;
  run(state: RoomView<R>, payload: P, ctx: OpsContext<M>): Outcome<R, M>;
  http?: HttpRoute;
}

/** An ops query: reads the room (and its logs) without changing it. */
export interface OpsQuery<R extends Records, M extends Mine, P> {
  parse: Parser<P>;
  viewer?(payload: P): { id: string; signed: boolean } | null;
  run(
    state: RoomView<R>,
    payload: P,
    ctx: QueryContext<M>,
  ): { ok: true; result: object } | { ok: false; error: DomainError };
  http?: HttpRoute;
}

export interface CollectionDefinition<R extends Records, M extends Mine, C extends Key<R>> {
  /**
   * What viewers receive of a record (`publicPoll` hides quiz answers), or `false` for a
   * collection only the feature reads (running totals). Default: the record as it is.
   */
  view?: ((record: R[C]) => object) | false;
  /** Records every room has before anything is stored (the empty `pins` record), by id. */
  initial?: { [id: string]: R[C] };
  /** When the record's timer is due, epoch ms, or null: a poll's `closesAt`, a flash sale's end. */
  due?(record: R[C]): number | null;
  /** Runs at `due` (`ctx.now` is the deadline); its changes are stored and broadcast like any. */
  expire?(state: RoomView<R>, id: string, ctx: Context<M>): Outcome<R, M>;
}

export interface FeatureDefinition<R extends Records = Records, M extends Mine = Mine> {
  /** `polls`, `gifts`, `products`. */
  name: string;
  collections: { [C in Key<R>]: CollectionDefinition<R, M, C> };
  /** Private collections (`mine`) this feature owns. */
  private?: readonly Key<M>[];
  /** Private records every room shares (a viewer's wallet), by collection and id. */
  viewerScoped?: { [C in Key<M>]?: readonly string[] };
  /**
   * Private collections of other features that this one reads and changes in the same handler
   * (a red-packet rain credits the gift wallet with the grab); list them in `M` too. The owner's
   * `viewMine` and `viewerScoped` still apply to them.
   */
  borrows?: readonly string[];
  /** What a viewer sees of their own private records (default: all of them, as stored). */
  viewMine?(state: RoomView<R>, mine: Readonly<Partial<M>>): MineView;
  /** Append-only logs the feature writes (rows the room never holds in memory). */
  logs?: readonly string[];
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own payload type.
  actions?: { [name: string]: ActionDefinition<R, M, any> };
  // biome-ignore lint/suspicious/noExplicitAny: each command has its own payload type.
  ops?: { [name: string]: OpsCommand<R, M, any> };
  // biome-ignore lint/suspicious/noExplicitAny: each query has its own payload type.
  queries?: { [name: string]: OpsQuery<R, M, any> };
}

/** Any feature, as hosts hold them in one list. */
// biome-ignore lint/suspicious/noExplicitAny: hosts treat records as opaque JSON objects.
export type AnyFeature = FeatureDefinition<any, any>;

/** The public record types of a feature, for typed client collections. */
export type PublicRecords<F> = F extends FeatureDefinition<infer R, Mine> ? R : never;

/** Wall-clock time and deadline timers, injectable so tests move time instead of sleeping. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` once `ms` have passed on this clock. */
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

/** The storage key of a viewer: anonymous and signed ids are separate namespaces. */
export function viewerKey(id: string, signed: boolean): string {
  return `${signed ? 's' : 'a'}:${id}`;
}
