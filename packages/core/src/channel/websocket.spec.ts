// The WebSocket transport against a real `ws` server on loopback. The server here is a tiny fake
// that speaks just enough protocol: this tests the transport (and the client over it), not a server.
import type { AddressInfo } from 'node:net';
import type { ReadableAtom } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { ClientFrame, ServerFrame } from '../protocol/frames.js';
import { createChannel } from './client.js';
import type { Channel, TransportHandlers } from './types.js';
import { webSocketTransport } from './websocket.js';

function when<T>(store: ReadableAtom<T>, ok: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = store.subscribe((value) => {
      if (!ok(value)) return;
      queueMicrotask(() => off());
      resolve(value);
    });
  });
}

interface Peer {
  socket: WebSocket;
  frames: ClientFrame[];
}

let server: WebSocketServer;
let url: string;
let peers: Peer[];
/** What the fake server does with each client frame; tests override it. */
let reply: (peer: Peer, frame: ClientFrame) => void;
const channels: Channel[] = [];

const send = (peer: Peer, frame: ServerFrame | string) =>
  peer.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));

function nextPeer(count: number): Promise<Peer> {
  return new Promise((resolve) => {
    const check = () => {
      const peer = peers[count - 1];
      if (peer) resolve(peer);
      else server.once('connection', () => queueMicrotask(check));
    };
    check();
  });
}

beforeEach(async () => {
  peers = [];
  reply = (peer, frame) => {
    if (frame.t === 'hello')
      send(peer, {
        t: 'snapshot',
        room: frame.room,
        version: 'v1',
        seq: 0,
        state: { polls: {} },
        viewer: {
          id: `public-${peers.length}`,
          credential: frame.credential ?? `viewer-${peers.length}`,
          mine: {},
        },
        now: Date.now(),
      });
    if (frame.t === 'action')
      send(peer, { t: 'ack', key: frame.key, ok: true, result: { echo: frame.payload } });
  };
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    const peer: Peer = { socket, frames: [] };
    peers.push(peer);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ClientFrame;
      peer.frames.push(frame);
      reply(peer, frame);
    });
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/live?room=r1`;
});

afterEach(async () => {
  for (const channel of channels.splice(0)) channel.close();
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

function open(options: { baseMs?: number } = {}): Channel {
  const channel = createChannel({
    room: 'r1',
    transport: webSocketTransport(() => url, { WebSocketImpl: WebSocket }),
    schedule: queueMicrotask,
    backoff: { baseMs: options.baseMs ?? 5, capMs: 20 },
  });
  channels.push(channel);
  channel.$status.listen(() => {}); // a page that watches the channel for the whole test
  return channel;
}

describe('webSocketTransport', () => {
  it('connects, says hello, receives the snapshot and round-trips an action', async () => {
    const channel = open();
    await when(channel.$status, (s) => s === 'live');
    const peer = await nextPeer(1);
    expect(peer.frames[0]).toEqual({ t: 'hello', v: 1, room: 'r1' });
    expect(await channel.act('poll.vote', { poll: 'p1' }, 'k1')).toEqual({
      result: { echo: { poll: 'p1' } },
    });
    send(peer, {
      t: 'delta',
      room: 'r1',
      version: 'v1',
      seq: 1,
      changes: [{ coll: 'polls', id: 'p1', value: { id: 'p1' } }],
      now: 1,
    });
    expect(await when(channel.collection('polls'), (p) => 'p1' in p)).toEqual({ p1: { id: 'p1' } });
  });

  it('drops malformed server frames, reports them in $error and stays live', async () => {
    const channel = open();
    await when(channel.$status, (s) => s === 'live');
    const peer = await nextPeer(1);
    send(peer, '{"t":"delta", oops');
    expect(await when(channel.$error, (e) => e !== null)).toMatchObject({ code: 'bad_json' });
    send(peer, JSON.stringify({ t: 'delta', room: 'r1', version: 'v1', seq: 'one', changes: [], now: 1 }));
    expect(await when(channel.$error, (e) => e?.code === 'invalid_frame')).toMatchObject({ path: 'seq' });
    send(peer, JSON.stringify({ t: 'surprise' }));
    expect(await when(channel.$error, (e) => e?.code === 'unknown_type')).toBeTruthy();
    // Still usable: the next valid frame applies.
    send(peer, {
      t: 'delta',
      room: 'r1',
      version: 'v1',
      seq: 1,
      changes: [{ coll: 'polls', id: 'p1', value: {} }],
      now: 1,
    });
    expect(await when(channel.collection('polls'), (p) => 'p1' in p)).toEqual({ p1: {} });
    expect(channel.$status.get()).toBe('live');
  });

  it('reconnects after the server drops the socket, with the viewer id and pending actions', async () => {
    const channel = open();
    await when(channel.$status, (s) => s === 'live');
    const first = await nextPeer(1);
    reply = (peer, frame) => {
      // The first connection swallows actions and dies; the second answers them.
      if (peer === first && frame.t === 'action') return peer.socket.terminate();
      if (frame.t === 'hello')
        send(peer, {
          t: 'snapshot',
          room: 'r1',
          version: 'v1',
          seq: 4,
          state: { polls: { p9: { id: 'p9' } } },
          viewer: { id: 'public', credential: frame.credential ?? 'new', mine: {} },
          now: 1,
        });
      if (frame.t === 'action') send(peer, { t: 'ack', key: frame.key, ok: true, result: { n: 1 } });
    };
    const done = channel.act('poll.vote', { poll: 'p1' }, 'k1');
    await when(channel.$status, (s) => s === 'reconnecting');
    expect(await done).toEqual({ result: { n: 1 } });
    const second = await nextPeer(2);
    expect(second.frames[0]).toEqual({ t: 'hello', v: 1, room: 'r1', credential: 'viewer-1' });
    expect(second.frames.filter((f) => f.t === 'action')).toEqual([
      { t: 'action', key: 'k1', name: 'poll.vote', payload: { poll: 'p1' } },
    ]);
    expect(channel.collection('polls').get()).toEqual({ p9: { id: 'p9' } });
  });

  it('does not retry after close code 4401', async () => {
    reply = (peer) => peer.socket.close(4401, 'unauthorized');
    const channel = open({ baseMs: 1 });
    const status = await when(channel.$status, (s) => s === 'closed');
    expect(status).toBe('closed');
    expect(channel.$error.get()).toMatchObject({ code: 'connection_closed' });
    expect(peers).toHaveLength(1);
  });

  it('refuses to send a frame over 16 KiB', async () => {
    const transport = webSocketTransport(url, { WebSocketImpl: WebSocket });
    const opened = new Promise<void>((resolve) => {
      const handlers: TransportHandlers = { open: resolve, frame() {}, close() {} };
      transport.connect(handlers);
    });
    await opened;
    const huge: ClientFrame = { t: 'action', key: 'k', name: 'x', payload: { text: 'é'.repeat(9_000) } };
    let thrown: unknown;
    try {
      transport.send(huge);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'FrameError', code: 'frame_too_large' });
    transport.disconnect();
    expect(peers[0]?.frames ?? []).toEqual([]);
  });
});
