import type { ReadableAtom } from 'nanostores';
import type {
  ActionError,
  ClientFrame,
  RecordValue,
  RoomState,
  ServerFrame,
  ViewerState,
} from '../protocol/frames.js';

/**
 * A transport moves frames; it knows nothing about rooms, sequence numbers or retries. The
 * channel client owns reconnects, so a platform can plug its own IM/push SDK by implementing
 * these three methods.
 */
export interface Transport {
  /** Start connecting. Calls `handlers.open` once connected, `handlers.close` once gone. */
  connect(handlers: TransportHandlers): void;
  /** Send one frame; only called between `open` and `close`. */
  send(frame: ClientFrame): void;
  /** Close for good (no `close` callback needed after this). */
  disconnect(): void;
}

export interface TransportHandlers {
  open(): void;
  frame(frame: ServerFrame): void;
  /** The connection ended. `retry: false` means reconnecting would not help (e.g. forbidden). */
  close(info: { code: number; reason: string; retry: boolean }): void;
}

export type ChannelStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface ChannelOptions {
  room: string;
  transport: Transport;
  /** The anonymous credential to reuse (from an earlier snapshot); the server issues one when omitted. */
  credential?: string;
  /** Host-issued signed viewer token. */
  token?: string;
  /** Backoff for reconnects, ms. Defaults: 500 base, 15,000 cap, full jitter. */
  backoff?: { baseMs?: number; capMs?: number };
  /** Reject an action that got no ack for this long, ms (default 10,000). */
  actionTimeoutMs?: number;
  /** Schedules a coalesced publish; defaults to requestAnimationFrame, or a 16 ms timer in Node. */
  schedule?: (flush: () => void) => void;
}

export interface ActionResult<R extends object = RecordValue> {
  result: R;
  mine?: ViewerState['mine'];
}

/**
 * A viewer's own record `id` of collection `coll` (`mine.polls.p1`), typed by the feature that owns
 * it; own properties only, so an id such as `constructor` finds nothing.
 */
export function mineRecord<T>(
  mine: ViewerState['mine'] | undefined,
  coll: string,
  id: string,
): T | undefined {
  const records = mine && Object.hasOwn(mine, coll) ? mine[coll] : undefined;
  return records && Object.hasOwn(records, id) ? (records[id] as T) : undefined;
}

/** Rejection of `Channel.act()`: the server said no, or the action timed out / the channel closed. */
export class ActionRejectedError extends Error implements ActionError {
  readonly code: string;
  readonly path?: string;
  constructor(error: ActionError) {
    super(error.message);
    this.name = 'ActionRejectedError';
    this.code = error.code;
    if (error.path !== undefined) this.path = error.path;
  }
}

export interface Channel {
  readonly room: string;
  readonly $status: ReadableAtom<ChannelStatus>;
  /** The room state, published at most once per animation frame. */
  readonly $state: ReadableAtom<RoomState>;
  readonly $viewer: ReadableAtom<ViewerState | null>;
  /** Last frame-level error from the server (rate limit, bad token, …), or null. */
  readonly $error: ReadableAtom<ActionError | null>;
  /**
   * A store of one collection (`polls`), derived from `$state`, typed by the feature's public
   * record: `channel.collection<PublicPoll>('polls')`.
   */
  collection<T extends object = RecordValue>(name: string): ReadableAtom<Readonly<Record<string, T>>>;
  /** Send an action; resolves on the server's ack, rejects with `ActionRejectedError`. */
  act<R extends object = RecordValue>(
    name: string,
    payload: RecordValue,
    key?: string,
  ): Promise<ActionResult<R>>;
  /** Server time estimate, epoch ms (local clock corrected by the last snapshot/delta/pong). */
  serverNow(): number;
  /** Open the connection now (it otherwise opens when a store gets its first listener). */
  connect(): void;
  close(): void;
}
