// The in-memory room as a server, and the channel client against it end to end (no network).
import type { ReadableAtom } from 'nanostores';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChannel } from './client.js';
import { createMemoryRoom, type MemoryRoom } from './memory-room.js';
import type { ClientFrame, ServerFrame } from './protocol.js';
import type { Channel, ChannelStatus, TransportHandlers } from './types.js';

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

/** A counter room: `counter.add` adds `by` (1–10) and remembers the viewer's total in `mine`. */
function counterRoom(): MemoryRoom {
  const room = createMemoryRoom({ room: 'r1', version: 'v1', state: { counters: { c1: { value: 0 } } } });
  room.handle('counter.add', (payload, ctx) => {
    const by = payload['by'];
    if (typeof by !== 'number' || by < 1 || by > 10)
      throw { code: 'invalid_action', message: 'by must be 1–10', path: 'payload.by' };
    const value = Number(room.state()['counters']?.['c1']?.['value'] ?? 0) + by;
    const added = Number(ctx.mine['counters']?.['c1'] ?? 0) + by;
    return {
      result: { value },
      changes: [{ coll: 'counters', id: 'c1', value: { value } }],
      mine: { counters: { c1: added } },
    };
  });
  return room;
}

/** Talks to a room frame by frame, without the channel client. */
function rawClient(room: MemoryRoom) {
  const received: ServerFrame[] = [];
  const closes: Array<{ code: number; reason: string; retry: boolean }> = [];
  const transport = room.transport();
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
function connect(room: MemoryRoom, options: { viewer?: string; latencyMs?: number } = {}): Channel {
  const channel = createChannel({
    room: room.room,
    transport: room.transport({ latencyMs: options.latencyMs ?? 0 }),
    viewer: options.viewer,
    schedule: queueMicrotask,
    backoff: { baseMs: 1, capMs: 5 },
  });
  channels.push(channel);
  return channel;
}

afterEach(() => {
  for (const channel of channels.splice(0)) channel.close();
  vi.restoreAllMocks();
});

describe('createMemoryRoom', () => {
  it('answers hello with a snapshot and assigns a viewer id when none is given', async () => {
    const room = counterRoom();
    const client = rawClient(room);
    client.send({ t: 'hello', v: 1, room: 'r1' });
    const frame = await client.next();
    expect(frame).toMatchObject({ t: 'snapshot', room: 'r1', version: 'v1', seq: 0 });
    expect(frame?.t === 'snapshot' && frame.viewer.id).toMatch(/^viewer-[a-z0-9]+$/);
    expect(frame?.t === 'snapshot' && frame.state).toEqual({ counters: { c1: { value: 0 } } });
  });

  it('answers bad frames with error frames and keeps the connection', async () => {
    const room = counterRoom();
    const client = rawClient(room);
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
    const room = counterRoom();
    const client = rawClient(room);
    client.send({ t: 'hello', v: 1, room: 'other' });
    expect(await client.next()).toMatchObject({ t: 'error', code: 'room_mismatch', fatal: true });
    await Promise.resolve(); // the close follows the frame
    expect(client.closes).toEqual([{ code: 1008, reason: 'room_mismatch', retry: false }]);
  });

  it('sequences commits as deltas and serves a resync with a snapshot', async () => {
    const room = counterRoom();
    const client = rawClient(room);
    client.send({ t: 'hello', v: 1, room: 'r1' });
    await client.next();
    room.commit([{ coll: 'polls', id: 'p1', value: { id: 'p1' } }]);
    expect(await client.next()).toMatchObject({ t: 'delta', seq: 1, version: 'v1' });
    room.dropNextDelta();
    room.commit([{ coll: 'polls', id: 'p1', value: null }]);
    room.commit([{ coll: 'polls', id: 'p2', value: { id: 'p2' } }]);
    expect(await client.next()).toMatchObject({ t: 'delta', seq: 3 }); // 2 never arrived
    client.send({ t: 'resync', have: 1 });
    expect(await client.next()).toMatchObject({
      t: 'snapshot',
      seq: 3,
      state: { polls: { p2: { id: 'p2' } } },
    });
    expect(room.seq()).toBe(3);
  });

  it('replays the first ack for a repeated key and changes nothing again', async () => {
    const room = counterRoom();
    const channel = connect(room);
    const first = await channel.act('counter.add', { by: 2 }, 'key-1');
    const second = await channel.act('counter.add', { by: 2 }, 'key-1');
    expect(first).toEqual({ result: { value: 2 }, mine: { counters: { c1: 2 } } });
    expect(second).toEqual(first);
    expect(room.seq()).toBe(1);
    expect(room.state()).toEqual({ counters: { c1: { value: 2 } } });
    await channel.act('counter.add', { by: 1 }, 'key-2');
    expect(room.state()).toEqual({ counters: { c1: { value: 3 } } });
  });

  it('does not remember refusals: the same key is evaluated again', async () => {
    const room = counterRoom();
    let open = false;
    room.handle('gate.enter', () => {
      if (!open) throw { code: 'poll_closed', message: 'not open yet' };
      return { result: { entered: true } };
    });
    const channel = connect(room);
    await expect(channel.act('gate.enter', {}, 'k1')).rejects.toMatchObject({ code: 'poll_closed' });
    open = true;
    await expect(channel.act('gate.enter', {}, 'k1')).resolves.toEqual({ result: { entered: true } });
  });

  it('rejects with the handler’s code and path, and `unknown_action` for unknown names', async () => {
    const room = counterRoom();
    const channel = connect(room);
    await expect(channel.act('counter.add', { by: 99 })).rejects.toMatchObject({
      name: 'ActionRejectedError',
      code: 'invalid_action',
      path: 'payload.by',
    });
    await expect(channel.act('counter.reset', {})).rejects.toMatchObject({ code: 'unknown_action' });
    expect(room.seq()).toBe(0);
  });

  it('keeps `mine` per viewer and returns it in the next snapshot', async () => {
    const room = counterRoom();
    const a = connect(room, { viewer: 'viewer-a' });
    await a.act('counter.add', { by: 3 });
    await a.act('counter.add', { by: 4 });
    const b = connect(room, { viewer: 'viewer-b' });
    await b.act('counter.add', { by: 1 });
    const again = connect(room, { viewer: 'viewer-a' });
    const viewer = await when(again.$viewer, (v) => v !== null);
    expect(viewer).toEqual({ id: 'viewer-a', mine: { counters: { c1: 7 } } });
    expect(room.state()).toEqual({ counters: { c1: { value: 8 } } });
  });
});

describe('channel ↔ memory room', () => {
  it('recovers from a dropped delta with one resync', async () => {
    const room = counterRoom();
    const channel = connect(room);
    const sent: ClientFrame[] = [];
    const transport = room.transport();
    const spy = {
      ...transport,
      send(frame: ClientFrame) {
        sent.push(frame);
        transport.send(frame);
      },
    };
    const watched = createChannel({ room: 'r1', transport: spy, schedule: queueMicrotask });
    channels.push(watched);
    await live(channel);
    await live(watched);
    room.dropNextDelta();
    room.commit([{ coll: 'polls', id: 'p1', value: { votes: 1 } }]);
    room.commit([{ coll: 'polls', id: 'p1', value: { votes: 2 } }]);
    room.commit([{ coll: 'polls', id: 'p2', value: { votes: 0 } }]);
    const state = await when(watched.$state, (s) => s['polls']?.['p2'] !== undefined);
    expect(state).toEqual(room.state());
    expect(sent.filter((f) => f.t === 'resync')).toHaveLength(1);
  });

  it('reconnects after a network failure with the same viewer and the new state', async () => {
    const room = counterRoom();
    const channel = connect(room);
    const viewer = await when(channel.$viewer, (v) => v !== null);
    room.disconnectAll();
    await when(channel.$status, (s) => s === 'reconnecting');
    room.commit([{ coll: 'polls', id: 'p1', value: { votes: 5 } }]); // missed while away
    await live(channel);
    expect(channel.$viewer.get()?.id).toBe(viewer?.id);
    const state = await when(channel.$state, (s) => s['polls'] !== undefined);
    expect(state).toEqual(room.state());
  });

  it('an action whose ack was lost is re-sent after reconnect and applied once', async () => {
    const room = counterRoom();
    let calls = 0;
    room.handle('tally', () => {
      calls++;
      // The network dies after the server applied the action, before its ack leaves.
      if (calls === 1) room.disconnectAll();
      return { result: { calls }, changes: [{ coll: 'tallies', id: 't1', value: { calls } }] };
    });
    const channel = connect(room, { latencyMs: 5 });
    await live(channel);
    const result = await channel.act('tally', {}, 'key-1');
    expect(result).toEqual({ result: { calls: 1 } }); // the first ack, replayed
    expect(calls).toBe(1);
    expect(room.seq()).toBe(1);
  });

  it('an action lost on the way is delivered after reconnect', async () => {
    const room = counterRoom();
    const channel = connect(room, { latencyMs: 5 });
    await live(channel);
    const done = channel.act('counter.add', { by: 4 }, 'key-1');
    room.disconnectAll(); // the frame is still in flight and dies with the connection
    await expect(done).resolves.toMatchObject({ result: { value: 4 } });
    expect(room.seq()).toBe(1);
  });
});
