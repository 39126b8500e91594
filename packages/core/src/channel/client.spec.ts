// The channel client against a scripted transport: every frame the "server" sends is chosen by
// the test, so sequencing, resync, acks and reconnects can be checked frame by frame.
import type { ReadableAtom } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ActionFrame,
  Change,
  ClientFrame,
  DeltaFrame,
  RoomState,
  ServerFrame,
  SnapshotFrame,
} from '../protocol/frames.js';
import { createChannel, HEARTBEAT_MS } from './client.js';
import { ActionRejectedError, type ChannelOptions, type Transport, type TransportHandlers } from './types.js';

function scriptedTransport() {
  let handlers: TransportHandlers | null = null;
  const sent: ClientFrame[] = [];
  const stats = { connects: 0, disconnects: 0 };
  const transport: Transport = {
    connect(h) {
      handlers = h;
      stats.connects++;
    },
    send(frame) {
      sent.push(frame);
    },
    disconnect() {
      handlers = null;
      stats.disconnects++;
    },
  };
  const live = () => {
    if (!handlers) throw new Error('transport is not connected');
    return handlers;
  };
  return {
    transport,
    sent,
    stats,
    get connected() {
      return handlers !== null;
    },
    open: () => live().open(),
    push: (frame: ServerFrame) => live().frame(frame),
    drop(info = { code: 1006, reason: 'network', retry: true }) {
      const h = live();
      handlers = null;
      h.close(info);
    },
    actions: (key?: string) =>
      sent.filter((f): f is ActionFrame => f.t === 'action' && (key === undefined || f.key === key)),
  };
}

const snapshot = (seq: number, state: RoomState, extra: Partial<SnapshotFrame> = {}): SnapshotFrame => ({
  t: 'snapshot',
  room: 'r1',
  version: 'v1',
  seq,
  state,
  viewer: { id: 'viewer-1', credential: 'credential-1', mine: {} },
  now: 1_000,
  ...extra,
});

const delta = (seq: number, changes: Change[], version = 'v1'): DeltaFrame => ({
  t: 'delta',
  room: 'r1',
  version,
  seq,
  changes,
  now: 2_000,
});

const poll = (id: string, votes: number) => ({ coll: 'polls', id, value: { id, votes } });

/** A channel with a manual frame scheduler: `flush()` plays the next animation frame. */
function setup(options: Partial<ChannelOptions> = {}) {
  const t = scriptedTransport();
  const frames: Array<() => void> = [];
  const channel = createChannel({
    room: 'r1',
    transport: t.transport,
    schedule: (run) => frames.push(run),
    ...options,
  });
  const flush = () => {
    for (const run of frames.splice(0)) run();
  };
  return { t, channel, frames, flush };
}

function watch<T>(store: ReadableAtom<T>) {
  const seen: T[] = [];
  const off = store.listen((value) => seen.push(value));
  return { seen, off };
}

/** Lets the lazy connect (a microtask after the first listener) happen. */
const tick = () => Promise.resolve();

/** Opens and sends the first snapshot. */
async function goLive(t: ReturnType<typeof scriptedTransport>, state: RoomState = {}, seq = 3) {
  await tick();
  t.open();
  t.push(snapshot(seq, state));
}

describe('createChannel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('connects on the first listener, says hello and applies the snapshot', async () => {
    const { t, channel } = setup({ token: 'tok' });
    expect(t.stats.connects).toBe(0);
    const state = watch(channel.$state);
    expect(t.stats.connects).toBe(0); // not yet: a bare get() would have stopped listening by now
    await tick();
    expect(t.stats.connects).toBe(1);
    expect(channel.$status.get()).toBe('connecting');
    t.open();
    expect(t.sent).toEqual([{ t: 'hello', v: 1, room: 'r1', token: 'tok' }]);
    t.push(snapshot(3, { polls: { p1: { id: 'p1', votes: 0 } } }));
    expect(channel.$status.get()).toBe('live');
    expect(state.seen.at(-1)).toEqual({ polls: { p1: { id: 'p1', votes: 0 } } });
    expect(channel.$viewer.get()).toEqual({ id: 'viewer-1', credential: 'credential-1', mine: {} });
    state.off();
  });

  it('applies deltas in order, replacing and removing records by id', async () => {
    const { t, channel, flush } = setup();
    const polls = watch(channel.collection('polls'));
    await goLive(t, { polls: { p1: { id: 'p1', votes: 0 }, p2: { id: 'p2', votes: 0 } } });
    t.push(delta(4, [poll('p1', 1)]));
    t.push(delta(5, [{ coll: 'polls', id: 'p2', value: null }, poll('p3', 7)]));
    flush();
    expect(polls.seen.at(-1)).toEqual({ p1: { id: 'p1', votes: 1 }, p3: { id: 'p3', votes: 7 } });
    polls.off();
  });

  it('ignores a duplicate delta without asking for a resync', async () => {
    const { t, channel, flush } = setup();
    const state = watch(channel.$state);
    await goLive(t);
    t.push(delta(4, [poll('p1', 1)]));
    t.push(delta(4, [poll('p1', 99)]));
    t.push(delta(2, [poll('p1', 98)]));
    flush();
    expect(state.seen.at(-1)).toEqual({ polls: { p1: { id: 'p1', votes: 1 } } });
    expect(t.sent.filter((f) => f.t === 'resync')).toEqual([]);
    state.off();
  });

  it('on a gap sends exactly one resync, ignores deltas until the snapshot, then recovers', async () => {
    const { t, channel, flush } = setup();
    const state = watch(channel.$state);
    await goLive(t);
    t.push(delta(4, [poll('p1', 1)]));
    t.push(delta(6, [poll('p1', 3)])); // 5 is missing
    t.push(delta(7, [poll('p1', 4)]));
    t.push(delta(8, [poll('p1', 5)]));
    flush();
    expect(t.sent.filter((f) => f.t === 'resync')).toEqual([{ t: 'resync', have: 4 }]);
    expect(state.seen.at(-1)).toEqual({ polls: { p1: { id: 'p1', votes: 1 } } });

    t.push(snapshot(8, { polls: { p1: { id: 'p1', votes: 5 } } }));
    t.push(delta(9, [poll('p1', 6)]));
    flush();
    expect(state.seen.at(-1)).toEqual({ polls: { p1: { id: 'p1', votes: 6 } } });
    expect(t.sent.filter((f) => f.t === 'resync')).toHaveLength(1);
    state.off();
  });

  it('asks for a resync when the room version changes', async () => {
    const { t, channel, flush } = setup();
    const state = watch(channel.$state);
    await goLive(t);
    t.push(delta(1, [poll('p1', 1)], 'v2'));
    flush();
    expect(t.sent.filter((f) => f.t === 'resync')).toEqual([{ t: 'resync', have: 3 }]);
    expect(state.seen.at(-1)).toEqual({});
    t.push(snapshot(1, { polls: { p1: { id: 'p1', votes: 1 } } }, { version: 'v2' }));
    t.push(delta(2, [poll('p1', 2)], 'v2'));
    flush();
    expect(state.seen.at(-1)).toEqual({ polls: { p1: { id: 'p1', votes: 2 } } });
    state.off();
  });

  it('publishes 1,000 deltas of one frame once, and only changed collections get new identities', async () => {
    const { t, channel, flush, frames } = setup();
    const state = watch(channel.$state);
    const polls = watch(channel.collection('polls'));
    const products = watch(channel.collection('products'));
    await goLive(t, { polls: { p1: { id: 'p1', votes: 0 } }, products: {} });
    const before = { state: state.seen.length, polls: polls.seen.length };

    for (let seq = 4; seq < 1_004; seq++)
      t.push(delta(seq, [{ coll: 'products', id: `sku-${seq % 10}`, value: { seq } }]));
    expect(state.seen.length).toBe(before.state); // nothing published before the frame
    expect(frames).toHaveLength(1); // one flush scheduled for the whole burst
    flush();

    expect(state.seen.length).toBe(before.state + 1);
    expect(polls.seen.length).toBe(before.polls); // polls untouched: same identity, no notification
    expect(Object.keys(products.seen.at(-1) ?? {})).toHaveLength(10);
    expect(products.seen.at(-1)?.['sku-3']).toEqual({ seq: 1_003 });
    state.off();
    polls.off();
    products.off();
  });

  it('does not mutate a published state when later deltas arrive', async () => {
    const { t, channel, flush } = setup();
    const state = watch(channel.$state);
    await goLive(t, { polls: { p1: { id: 'p1', votes: 0 } } });
    t.push(delta(4, [poll('p1', 1)]));
    flush();
    const published = state.seen.at(-1);
    t.push(delta(5, [poll('p1', 2)]));
    flush();
    expect(published).toEqual({ polls: { p1: { id: 'p1', votes: 1 } } });
    expect(state.seen.at(-1)).not.toBe(published);
    state.off();
  });

  it('resolves an action on its ack and merges `mine` into the viewer', async () => {
    const { t, channel } = setup();
    const viewer = watch(channel.$viewer);
    await goLive(t);
    const done = channel.act('poll.vote', { poll: 'p1', choice: ['a'] }, 'k1');
    expect(t.actions()).toEqual([
      { t: 'action', key: 'k1', name: 'poll.vote', payload: { poll: 'p1', choice: ['a'] } },
    ]);
    const mine = { polls: { p1: { choice: ['a'], count: 1 } } };
    t.push({ t: 'ack', key: 'k1', ok: true, result: { ok: 1 }, mine });
    await expect(done).resolves.toEqual({ result: { ok: 1 }, mine });
    expect(viewer.seen.at(-1)).toEqual({ id: 'viewer-1', credential: 'credential-1', mine });
    viewer.off();
  });

  it('rejects an action with the server’s code and path', async () => {
    const { t, channel } = setup();
    const status = watch(channel.$status);
    await goLive(t);
    const done = channel.act('poll.vote', { poll: 'p1', choice: ['zz'] }, 'k1');
    t.push({
      t: 'ack',
      key: 'k1',
      ok: false,
      error: { code: 'unknown_option', message: 'no option zz', path: 'payload.choice[0]' },
    });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionRejectedError);
    expect(error).toMatchObject({ code: 'unknown_option', path: 'payload.choice[0]' });
    expect(channel.$status.get()).toBe('live');
    status.off();
  });

  it('queues an action while disconnected, connects for it, and sends it once live', async () => {
    const { t, channel } = setup();
    const done = channel.act('poll.vote', { poll: 'p1', choice: ['a'] }, 'k1');
    expect(t.stats.connects).toBe(1);
    t.open();
    expect(t.actions()).toEqual([]); // not before the snapshot
    t.push(snapshot(3, {}));
    expect(t.actions('k1')).toHaveLength(1);
    t.push({ t: 'ack', key: 'k1', ok: true, result: {} });
    await done;
    // Nobody listens and nothing is pending: the act-only connection is dropped.
    expect(t.stats.disconnects).toBe(1);
    expect(channel.$status.get()).toBe('idle');
  });

  it('re-sends a pending action with the same key after a reconnect and resolves it once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { t, channel } = setup();
    const status = watch(channel.$status);
    await goLive(t);
    let resolved = 0;
    const done = channel.act('poll.vote', { poll: 'p1', choice: ['a'] }, 'k1').then((r) => {
      resolved++;
      return r;
    });
    t.drop();
    expect(channel.$status.get()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(249); // attempt 0: 0.5 × min(15 000, 500 × 2⁰)
    expect(t.stats.connects).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.stats.connects).toBe(2);
    expect(channel.$status.get()).toBe('reconnecting');
    t.open();
    expect(t.sent.at(-1)).toEqual({ t: 'hello', v: 1, room: 'r1', credential: 'credential-1' }); // the same viewer
    t.push(snapshot(3, {}));
    expect(t.actions('k1')).toHaveLength(2);
    t.push({ t: 'ack', key: 'k1', ok: true, result: { n: 1 } });
    t.push({ t: 'ack', key: 'k1', ok: true, result: { n: 1 } }); // the server's replay of the first ack
    await expect(done).resolves.toEqual({ result: { n: 1 } });
    expect(resolved).toBe(1);
    status.off();
  });

  it('backs off exponentially between failed attempts and resets after a snapshot', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { t, channel } = setup({ backoff: { baseMs: 100, capMs: 1_000 } });
    const status = watch(channel.$status);
    await goLive(t);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      t.drop();
      const start = Date.now();
      const connects = t.stats.connects;
      while (t.stats.connects === connects) await vi.advanceTimersByTimeAsync(1);
      delays.push(Date.now() - start);
    }
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);
    t.open();
    t.push(snapshot(3, {}));
    t.drop();
    const start = Date.now();
    while (t.stats.connects === 7) await vi.advanceTimersByTimeAsync(1);
    expect(Date.now() - start).toBe(99);
    status.off();
  });

  it('closes for good on retry:false, sets $error and rejects pending actions', async () => {
    const { t, channel } = setup();
    const status = watch(channel.$status);
    await goLive(t);
    const done = channel.act('poll.vote', {}, 'k1');
    t.drop({ code: 4403, reason: 'forbidden', retry: false });
    expect(channel.$status.get()).toBe('closed');
    expect(channel.$error.get()).toMatchObject({ code: 'connection_closed' });
    await expect(done).rejects.toMatchObject({ code: 'closed' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.stats.connects).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    status.off();
  });

  it('does not retry after a fatal `unauthorized` error frame', async () => {
    const { t, channel } = setup();
    const status = watch(channel.$status);
    await tick();
    t.open();
    t.push({ t: 'error', code: 'unauthorized', message: 'bad token', fatal: true });
    t.drop({ code: 1000, reason: '', retry: true });
    expect(channel.$status.get()).toBe('closed');
    expect(channel.$error.get()).toEqual({ code: 'unauthorized', message: 'bad token' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.stats.connects).toBe(1);
    status.off();
  });

  it('keeps the fatal error frame as the reason when the server closes for good', async () => {
    const { t, channel } = setup();
    const status = watch(channel.$status);
    await tick();
    t.open();
    t.push({ t: 'error', code: 'room_mismatch', message: 'wrong room', path: 'room', fatal: true });
    t.drop({ code: 1008, reason: 'room_mismatch', retry: false });
    expect(channel.$status.get()).toBe('closed');
    expect(channel.$error.get()).toEqual({ code: 'room_mismatch', message: 'wrong room', path: 'room' });
    status.off();
  });

  it('records error frames in $error without closing anything', async () => {
    const { t, channel } = setup();
    const error = watch(channel.$error);
    await goLive(t);
    t.push({ t: 'error', code: 'rate_limited', message: 'slow down', path: 'payload' });
    expect(error.seen.at(-1)).toEqual({ code: 'rate_limited', message: 'slow down', path: 'payload' });
    expect(channel.$status.get()).toBe('live');
    expect(t.stats.disconnects).toBe(0);
    error.off();
  });

  it('rejects an action with `timeout` when no ack comes', async () => {
    const { t, channel } = setup({ actionTimeoutMs: 3_000 });
    const status = watch(channel.$status);
    await goLive(t);
    const done = channel.act('poll.vote', {}, 'k1');
    const outcome = done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2_999);
    t.push({ t: 'pong', now: 0 }); // unrelated traffic does not settle it
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatchObject({ code: 'timeout' });
    status.off();
  });

  it('rejects an oversized action locally with `frame_too_large`', async () => {
    const { t, channel } = setup();
    const status = watch(channel.$status);
    await goLive(t);
    await expect(channel.act('poll.vote', { text: 'x'.repeat(20_000) })).rejects.toMatchObject({
      code: 'frame_too_large',
    });
    expect(t.actions()).toEqual([]);
    status.off();
  });

  it('pings every 25 s while live and corrects serverNow from snapshot and pong', async () => {
    vi.setSystemTime(10_000);
    const { t, channel } = setup();
    const status = watch(channel.$status);
    await tick();
    t.open();
    t.push(snapshot(3, {}, { now: 15_000 }));
    expect(channel.serverNow()).toBe(15_000);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(t.sent.filter((f) => f.t === 'ping')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100); // round trip 100 ms → the pong is ~50 ms old
    t.push({ t: 'pong', now: 50_000 });
    expect(channel.serverNow()).toBe(50_050);
    status.off();
  });

  it('leaves no timers after close(), and rejects pending actions with `closed`', async () => {
    const t = scriptedTransport();
    // The default scheduler (a 16 ms timer in Node) must be cancelled too.
    const channel = createChannel({ room: 'r1', transport: t.transport });
    const state = watch(channel.$state);
    await goLive(t);
    t.push(delta(4, [poll('p1', 1)]));
    const done = channel.act('poll.vote', {}, 'k1');
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    channel.close();
    await expect(done).rejects.toMatchObject({ code: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
    expect(channel.$status.get()).toBe('closed');
    expect(state.seen.at(-1)).toEqual({ polls: { p1: { id: 'p1', votes: 1 } } }); // flushed, not lost
    expect(t.stats.disconnects).toBe(1);
    await expect(channel.act('poll.vote', {})).rejects.toMatchObject({ code: 'closed' });
    state.off();
  });

  it('disconnects and clears every timer once the last listener leaves', async () => {
    const t = scriptedTransport();
    const channel = createChannel({ room: 'r1', transport: t.transport });
    const a = watch(channel.collection('polls'));
    const b = watch(channel.$status);
    await goLive(t);
    t.push(delta(4, [poll('p1', 1)]));
    a.off();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.connected).toBe(true); // $status still has a listener
    b.off();
    await vi.advanceTimersByTimeAsync(1_000); // nanostores unmounts after 1 s
    expect(t.stats.disconnects).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(channel.$status.get()).toBe('idle');

    channel.$state.get(); // a bare read does not connect
    await tick();
    expect(t.stats.connects).toBe(1);
    const again = watch(channel.$state); // a new listener does
    await tick();
    expect(t.stats.connects).toBe(2);
    again.off();
  });
});
