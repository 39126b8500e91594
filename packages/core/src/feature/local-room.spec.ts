// The in-page room as a server: its direct channel, and the network channel client against its
// frame-level face end to end (no network).
import type { ReadableAtom } from 'nanostores';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChannel } from '../channel/client.js';
import type { Channel, ChannelStatus, TransportHandlers } from '../channel/types.js';
import type { ClientFrame, ServerFrame } from '../protocol/frames.js';
import { int, parser, strict, v } from '../validation/index.js';
import { defineFeature, done, refuse } from './define.js';
import { createLocalRoom, type LocalRoom } from './local-room.js';
import { type LocalNetwork, localNetwork } from './local-transport.js';

/** Resolves once `store` holds a value that passes `ok` (checked now and on every change). */
function when<T>(store: ReadableAtom<T>, ok: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = store.subscribe((value) => {
      if (!ok(value)) return;
      queueMicrotask(() => off());
      resolve(value);
    });
  });
}

const live = (channel: Channel) => when(channel.$status, (s: ChannelStatus) => s === 'live');

let onTally = () => {};

/**
 * A counter: `counter.add` adds `by` (1–10) and remembers the viewer's total in `mine`; ops set any
 * record; `gate.enter` is refused until ops open the gate; `tally` calls a test hook as it runs.
 */
const counter = defineFeature<
  { counters: { value: number }; gates: { open: boolean } },
  { counters: { [id: string]: number } }
>({
  name: 'counter',
  collections: { counters: { initial: { c1: { value: 0 } } }, gates: {} },
  private: ['counters'],
  actions: {
    'counter.add': {
      parse: parser(strict({ by: int(1, 10) })),
      run(state, { by }, ctx) {
        const value = state.get('counters', 'c1')!.value + by;
        const added = (ctx.mine.counters?.['c1'] ?? 0) + by;
        return done(
          { value },
          { changes: [{ coll: 'counters', id: 'c1', value: { value } }], mine: { counters: { c1: added } } },
        );
      },
    },
    'gate.enter': {
      parse: parser(strict({})),
      run: (state) =>
        state.get('gates', 'g')?.open ? done({ entered: true }) : refuse('poll_closed', 'not open yet'),
    },
    /** Answers with the latency allowance the host gave the action. */
    latency: {
      parse: parser(strict({})),
      run: (_state, _payload, ctx) => done({ latencyMs: ctx.latencyMs }),
    },
    tally: {
      parse: parser(strict({})),
      run(state) {
        onTally();
        const calls = (state.get('counters', 't1')?.value ?? 0) + 1;
        return done({ calls }, { changes: [{ coll: 'counters', id: 't1', value: { value: calls } }] });
      },
    },
  },
  ops: {
    'counter.set': {
      parse: parser(strict({ id: v.string(), value: v.nullable(int(0, 100)) })),
      run: (_state, { id, value }) =>
        done({}, { changes: [{ coll: 'counters', id, value: value === null ? null : { value } }] }),
    },
    'gate.open': {
      parse: parser(strict({})),
      run: () => done({}, { changes: [{ coll: 'gates', id: 'g', value: { open: true } }] }),
    },
  },
});

function counterRoom(): { room: LocalRoom; net: LocalNetwork } {
  const room = createLocalRoom({ room: 'r1', features: [counter], flushMs: 0 });
  rooms.push(room);
  return { room, net: localNetwork(room) };
}

const set = (room: LocalRoom, id: string, value: number | null) => {
  expect(room.command('counter.set', { id, value }).ok).toBe(true);
  room.flush();
};

/** Talks to a room frame by frame, without the channel client. */
function rawClient(net: LocalNetwork) {
  const received: ServerFrame[] = [];
  const closes: Array<{ code: number; reason: string; retry: boolean }> = [];
  const transport = net.transport();
  const handlers: TransportHandlers = {
    open() {},
    frame: (frame) => received.push(frame),
    close: (info) => closes.push(info),
  };
  transport.connect(handlers);
  return {
    received,
    closes,
    send: (frame: ClientFrame) => transport.send(frame),
    next: async () => {
      const count = received.length;
      for (let i = 0; i < 50 && received.length === count; i++) await Promise.resolve();
      return received.at(-1);
    },
  };
}

const channels: Channel[] = [];
const rooms: LocalRoom[] = [];
function connect(net: LocalNetwork, options: { viewer?: string; latencyMs?: number } = {}): Channel {
  const channel = createChannel({
    room: 'r1',
    transport: net.transport({ latencyMs: options.latencyMs ?? 0 }),
    // The in-page room takes a credential as the viewer's id.
    ...(options.viewer ? { credential: options.viewer } : {}),
    schedule: queueMicrotask,
    backoff: { baseMs: 1, capMs: 5 },
  });
  channels.push(channel);
  return channel;
}

afterEach(() => {
  for (const channel of channels.splice(0)) channel.close();
  for (const room of rooms.splice(0)) room.dispose();
  onTally = () => {};
  vi.restoreAllMocks();
});

describe('local room as frames', () => {
  it('answers hello with a snapshot and assigns a viewer id when none is given', async () => {
    const { net } = counterRoom();
    const client = rawClient(net);
    client.send({ t: 'hello', v: 1, room: 'r1' });
    const frame = await client.next();
    expect(frame).toMatchObject({ t: 'snapshot', room: 'r1', seq: 0 });
    expect(frame?.t === 'snapshot' && frame.viewer.id).toMatch(/^viewer-[a-z0-9]+$/);
    expect(frame?.t === 'snapshot' && frame.state).toEqual({ counters: { c1: { value: 0 } }, gates: {} });
  });

  it('answers bad frames with error frames and keeps the connection', async () => {
    const { net } = counterRoom();
    const client = rawClient(net);
    client.send({ t: 'ping' });
    expect(await client.next()).toMatchObject({ t: 'error', code: 'hello_required' });
    client.send({ t: 'hello', v: 1, room: 'r1', viewer: 'v-1' });
    await client.next();
    client.send({ t: 'nope' } as unknown as ClientFrame);
    expect(await client.next()).toMatchObject({ t: 'error', code: 'unknown_type' });
    client.send({ t: 'action', key: 'k', name: 'counter.add' } as unknown as ClientFrame);
    expect(await client.next()).toMatchObject({
      t: 'ack',
      key: 'k',
      ok: false,
      error: { code: 'invalid_frame', path: 'payload' },
    });
    client.send({ t: 'ping' });
    expect(await client.next()).toMatchObject({ t: 'pong' });
    expect(client.closes).toEqual([]);
  });

  it('closes for good on a hello it cannot accept', async () => {
    const { net } = counterRoom();
    const client = rawClient(net);
    client.send({ t: 'hello', v: 1, room: 'other' });
    expect(await client.next()).toMatchObject({ t: 'error', code: 'room_mismatch', fatal: true });
    await Promise.resolve(); // the close follows the frame
    expect(client.closes).toEqual([{ code: 1008, reason: 'room_mismatch', retry: false }]);
  });

  it('sequences changes as deltas and serves a resync with a snapshot', async () => {
    const { room, net } = counterRoom();
    const client = rawClient(net);
    client.send({ t: 'hello', v: 1, room: 'r1' });
    const hello = await client.next();
    set(room, 'p1', 1);
    expect(await client.next()).toMatchObject({
      t: 'delta',
      seq: 1,
      version: hello?.t === 'snapshot' && hello.version,
    });
    net.dropNextDelta();
    set(room, 'p1', null);
    set(room, 'p2', 2);
    expect(await client.next()).toMatchObject({ t: 'delta', seq: 3 }); // 2 never arrived
    client.send({ t: 'resync', have: 1 });
    expect(await client.next()).toMatchObject({
      t: 'snapshot',
      seq: 3,
      state: { counters: { c1: { value: 0 }, p2: { value: 2 } } },
    });
  });

  it('acks first, with the changed records; the delta follows', async () => {
    const { net } = counterRoom();
    const client = rawClient(net);
    client.send({ t: 'hello', v: 1, room: 'r1', viewer: 'v-1' });
    await client.next();
    client.send({ t: 'action', key: 'k1', name: 'counter.add', payload: { by: 2 } });
    await vi.waitFor(() => expect(client.received.filter((f) => f.t === 'delta')).toHaveLength(1));
    expect(client.received.slice(1).map((f) => f.t)).toEqual(['ack', 'delta']);
    expect(client.received[1]).toEqual({
      t: 'ack',
      key: 'k1',
      ok: true,
      result: { value: 2 },
      mine: { counters: { c1: 2 } },
      changes: [{ coll: 'counters', id: 'c1', value: { value: 2 } }],
    });
  });

  it('replays the first ack for a repeated key, without changes, and changes nothing again', async () => {
    const { room, net } = counterRoom();
    const channel = connect(net);
    const first = await channel.act('counter.add', { by: 2 }, 'key-1');
    const second = await channel.act('counter.add', { by: 2 }, 'key-1');
    expect(first).toEqual({ result: { value: 2 }, mine: { counters: { c1: 2 } } });
    expect(second).toEqual(first);
    expect(room.state()['counters']).toEqual({ c1: { value: 2 } });
    await channel.act('counter.add', { by: 1 }, 'key-2');
    expect(room.state()['counters']).toEqual({ c1: { value: 3 } });
  });

  it('does not remember refusals: the same key is evaluated again', async () => {
    const { room, net } = counterRoom();
    const channel = connect(net);
    await expect(channel.act('gate.enter', {}, 'k1')).rejects.toMatchObject({ code: 'poll_closed' });
    room.command('gate.open', {});
    await expect(channel.act('gate.enter', {}, 'k1')).resolves.toEqual({ result: { entered: true } });
  });

  it('rejects with the code and path, and `unknown_action` for unknown names', async () => {
    const { room, net } = counterRoom();
    const channel = connect(net);
    await expect(channel.act('counter.add', { by: 99 })).rejects.toMatchObject({
      name: 'ActionRejectedError',
      code: 'invalid_action',
      path: 'payload.by',
    });
    await expect(channel.act('counter.reset', {})).rejects.toMatchObject({
      code: 'unknown_action',
      path: 'name',
    });
    expect(room.state()['counters']).toEqual({ c1: { value: 0 } });
  });

  it('keeps `mine` per viewer and returns it in the next snapshot', async () => {
    const { room, net } = counterRoom();
    const a = connect(net, { viewer: 'viewer-a' });
    await a.act('counter.add', { by: 3 });
    await a.act('counter.add', { by: 4 });
    const b = connect(net, { viewer: 'viewer-b' });
    await b.act('counter.add', { by: 1 });
    const again = connect(net, { viewer: 'viewer-a' });
    const viewer = await when(again.$viewer, (v) => v !== null);
    expect(viewer).toEqual({ id: 'viewer-a', credential: 'viewer-a', mine: { counters: { c1: 7 } } });
    expect(room.state()['counters']).toEqual({ c1: { value: 8 } });
  });
});

describe('direct channel', () => {
  it('is live at once, applies its own ack before the delta and others get the delta', async () => {
    const { room } = counterRoom();
    const a = room.connect('a');
    const b = room.connect('b');
    expect(a.$status.get()).toBe('live');
    const acted = a.act('counter.add', { by: 5 });
    await expect(acted).resolves.toEqual({ result: { value: 5 }, mine: { counters: { c1: 5 } } });
    expect(a.$state.get()['counters']?.['c1']).toEqual({ value: 5 });
    expect(b.$state.get()['counters']?.['c1']).toEqual({ value: 0 });
    expect(a.$viewer.get()).toEqual({ id: 'a', mine: { counters: { c1: 5 } } });
    await when(b.$state, (s) => (s['counters']?.['c1'] as { value: number } | undefined)?.value === 5);
  });

  it('rejects after close and hands out plain copies', async () => {
    const { room } = counterRoom();
    const a = room.connect();
    const state = a.$state.get();
    (state['counters']!['c1'] as { value: number }).value = 42;
    expect(room.state()['counters']?.['c1']).toEqual({ value: 0 });
    a.close();
    expect(a.$status.get()).toBe('closed');
    await expect(a.act('counter.add', { by: 1 })).rejects.toMatchObject({ code: 'closed' });
  });
});

describe('channel ↔ local room', () => {
  it('recovers from a dropped delta with one resync', async () => {
    const { room, net } = counterRoom();
    const sent: ClientFrame[] = [];
    const transport = net.transport();
    const spy = {
      ...transport,
      send(frame: ClientFrame) {
        sent.push(frame);
        transport.send(frame);
      },
    };
    const watched = createChannel({ room: 'r1', transport: spy, schedule: queueMicrotask });
    channels.push(watched);
    await live(watched);
    net.dropNextDelta();
    set(room, 'p1', 1);
    set(room, 'p1', 2);
    set(room, 'p2', 0);
    const state = await when(watched.$state, (s) => s['counters']?.['p2'] !== undefined);
    expect(state).toEqual(room.state());
    expect(sent.filter((f) => f.t === 'resync')).toHaveLength(1);
  });

  it('reconnects after a network failure with the same viewer and the new state', async () => {
    const { room, net } = counterRoom();
    const channel = connect(net);
    const viewer = await when(channel.$viewer, (v) => v !== null);
    net.disconnectAll();
    await when(channel.$status, (s) => s === 'reconnecting');
    set(room, 'p1', 5); // missed while away
    await live(channel);
    expect(channel.$viewer.get()?.id).toBe(viewer?.id);
    const state = await when(channel.$state, (s) => s['counters']?.['p1'] !== undefined);
    expect(state).toEqual(room.state());
  });

  it('an action whose ack was lost is re-sent after reconnect and applied once', async () => {
    const { room, net } = counterRoom();
    let calls = 0;
    onTally = () => {
      calls++;
      // The network dies after the room applied the action, before its ack leaves.
      if (calls === 1) net.disconnectAll();
    };
    const channel = connect(net, { latencyMs: 5 });
    await live(channel);
    const result = await channel.act('tally', {}, 'key-1');
    expect(result).toEqual({ result: { calls: 1 } }); // the first ack, replayed
    expect(calls).toBe(1);
    expect(room.state()['counters']?.['t1']).toEqual({ value: 1 });
  });

  it('an action lost on the way is delivered after reconnect', async () => {
    const { room, net } = counterRoom();
    const channel = connect(net, { latencyMs: 5 });
    await live(channel);
    const acted = channel.act('counter.add', { by: 4 }, 'key-1');
    net.disconnectAll(); // the frame is still in flight and dies with the connection
    await expect(acted).resolves.toMatchObject({ result: { value: 4 } });
    expect(room.state()['counters']?.['c1']).toEqual({ value: 4 });
  });
});

describe('latency allowance', () => {
  it('is 0 on a channel in the page and twice the configured delay over frames, capped', async () => {
    const { room, net } = counterRoom();
    expect(await room.connect().act('latency', {})).toEqual({ result: { latencyMs: 0 } });
    const near = connect(net, { latencyMs: 40 });
    await live(near);
    expect(await near.act('latency', {})).toEqual({ result: { latencyMs: 80 } });
    const far = connect(net, { latencyMs: 200 });
    await live(far);
    expect(await far.act('latency', {})).toEqual({ result: { latencyMs: 250 } });
  });
});
