/**
 * The hosts of the live features, driven the same way: ops commands by name, viewers speaking
 * protocol v1 frame by frame, a clock the test moves, seeded randomness. The in-page room is reached
 * through its frame-level face; the reference server through a real WebSocket on loopback with its
 * SQLite file on disk; the server's cluster mode as two nodes on a real `redis-server`, viewers
 * joining them in turn. A scenario cannot tell them apart — and must not be able to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Transport, type WebSocketConstructor, webSocketTransport } from '@onair/core/channel.js';
import { createLocalRoom, type LocalRoom, localNetwork } from '@onair/core/local-room.js';
import type {
  AckFrame,
  ActionError,
  Change,
  ClientFrame,
  RecordValue,
  RoomState,
  ServerFrame,
  SnapshotFrame,
  ViewerState,
} from '@onair/core/protocol.js';
import WebSocket from 'ws';
import { createServer, type OnairServer } from '../../packages/server/src/app.js';
import { serverFeatures } from '../../packages/server/src/features.js';
import { signViewerToken } from '../../packages/server/src/identity.js';
import { type RedisServer, startRedis } from '../../packages/server/test/redis-server.js';
import { type FakeClock, fakeClock, seededRandom } from '../support/fake-clock.js';

export type Answer = { ok: true; result: RecordValue } | { ok: false; error: ActionError };

export const ROOM = 'conformance';
export const OPS_TOKEN = 'conformance-ops-token-0123';
const VIEWER_SECRET = 'conformance-viewer-secret-0123';
/** Every scenario starts at this instant. */
export const T0 = 1_800_000_000_000;

export interface JoinOptions {
  /**
   * The connection's round trip, ms — its latency allowance. The server measures it from the ping
   * it sends at hello: the test holds the pong while the clock moves this far. The in-page room's
   * transport is given half of it as latency each way, and the clock moves as far. Default 0.
   */
  roundTripMs?: number;
}

export interface Host {
  readonly name: 'in-page' | 'server' | 'cluster';
  /** Whether the host keeps its room across a restart. */
  readonly persists: boolean;
  command(name: string, input: unknown): Promise<Answer>;
  query(name: string, input: unknown): Promise<Answer>;
  /** The viewer `id` (public id `id`), connected, once its snapshot arrived. */
  join(id: string, options?: JoinOptions): Promise<Viewer>;
  /** A transport for the library's own channel client (`createChannel`), as a page would connect. */
  transport(): Transport;
  /** How ops name the viewer `id` (`gift.grant`, `gift.ledger`): signed on the server, anonymous in-page. */
  who(id: string): { viewer: string; signed: boolean };
  /** Moves the clock; timers that come due run, and their changes reach every viewer. */
  advance(ms: number): Promise<void>;
  /** Every answer and delta in flight has reached every viewer. */
  settle(): Promise<void>;
  /** Stops and starts again on the same storage; viewers must join again. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** One connection: every frame it got, and the room and its own records as a client keeps them. */
export class Viewer {
  readonly id: string;
  readonly frames: ServerFrame[] = [];
  state: RoomState = {};
  mine: ViewerState['mine'] = {};
  seq = -1;
  private readonly pipe: Pipe;
  private waiters: (() => void)[] = [];
  private pings = 0;
  private readonly nextKey: () => string;
  private parts: SnapshotFrame[] = [];

  /** `nextKey` numbers the keys of all of a host's viewers, so a viewer joining again never reuses one. */
  constructor(id: string, pipe: Pipe, nextKey: () => string) {
    this.id = id;
    this.pipe = pipe;
    this.nextKey = nextKey;
    pipe.listen((frame) => this.receive(frame));
  }

  /** Sends `hello` (with what names this viewer on its host) and waits for the snapshot. */
  async hello(as: { viewer: string } | { token: string }): Promise<this> {
    this.pipe.send({ t: 'hello', v: 1, room: ROOM, ...as });
    await this.next((f) => f.t === 'snapshot' && (f.parts ?? 1) === (f.part ?? 0) + 1);
    return this;
  }

  /** Sends an action and waits for its ack. */
  async act(name: string, payload: Record<string, unknown>, key = this.nextKey()): Promise<AckFrame> {
    this.pipe.send({ t: 'action', key, name, payload });
    return this.next<AckFrame>((f) => f.t === 'ack' && f.key === key);
  }

  /** Waits until every frame sent to this connection before now has arrived (a ping's pong). */
  async sync(): Promise<void> {
    const before = ++this.pings;
    this.pipe.send({ t: 'ping' });
    await this.next((f) => f.t === 'pong', before);
  }

  close(): void {
    this.pipe.close();
  }

  private receive(frame: ServerFrame): void {
    this.frames.push(frame);
    if (frame.t === 'snapshot' && (frame.parts ?? 1) > 1) {
      // A snapshot in parts: the room is whole, and replaces what the viewer held, at the last part.
      if (frame.part !== this.parts.length) throw new Error(`${this.id}: part ${frame.part} out of order`);
      this.parts.push(frame);
      if (this.parts.length === frame.parts) {
        this.state = {};
        for (const part of this.parts.splice(0))
          for (const [coll, records] of Object.entries(part.state))
            this.state[coll] = { ...this.state[coll], ...records };
        this.mine = frame.viewer.mine;
        this.seq = frame.seq;
      }
    } else if (frame.t === 'snapshot') {
      this.state = frame.state;
      this.mine = frame.viewer.mine;
      this.seq = frame.seq;
    } else if (frame.t === 'delta') {
      if (frame.seq !== this.seq + 1) throw new Error(`${this.id}: delta ${frame.seq} after ${this.seq}`);
      this.seq = frame.seq;
      this.state = applyChanges(this.state, frame.changes);
    } else if (frame.t === 'ack' && frame.ok) {
      if (frame.changes) this.state = applyChanges(this.state, frame.changes);
      for (const [coll, records] of Object.entries(frame.mine ?? {}))
        this.mine = { ...this.mine, [coll]: { ...this.mine[coll], ...records } };
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The `nth` matching frame (1 = the first), waiting for it. */
  async next<F extends ServerFrame = ServerFrame>(match: (f: ServerFrame) => boolean, nth = 1): Promise<F> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.frames.filter(match);
      if (found.length >= nth) return found[nth - 1] as F;
      if (Date.now() > deadline)
        throw new Error(`${this.id}: no such frame; got ${JSON.stringify(this.frames).slice(-400)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function applyChanges(state: RoomState, changes: Change[]): RoomState {
  const next = { ...state };
  for (const { coll, id, value } of changes) {
    const records = { ...next[coll] };
    if (value === null) delete records[id];
    else records[id] = value;
    next[coll] = records;
  }
  return next;
}

interface Pipe {
  send(frame: ClientFrame): void;
  listen(on: (frame: ServerFrame) => void): void;
  close(): void;
  /** Settles once the host has what it needs to know the connection's round trip. */
  measured: Promise<void>;
}

abstract class BaseHost {
  protected readonly clock: FakeClock = fakeClock(T0);
  protected readonly random = seededRandom(7);
  protected viewers: Viewer[] = [];
  private keys = 0;

  async join(id: string, options: JoinOptions = {}): Promise<Viewer> {
    const roundTripMs = options.roundTripMs ?? 0;
    const pipe = await this.pipe(roundTripMs);
    const viewer = new Viewer(id, pipe, () => `${id}-${++this.keys}`);
    this.viewers.push(viewer);
    await viewer.hello(this.identify(id));
    await pipe.measured;
    // The host has the round trip before the viewer's first action (a pong precedes this ping).
    await this.settle();
    return viewer;
  }

  /** What a `hello` carries to be the viewer `id`: the in-page room takes an id, a server a proof. */
  protected abstract identify(id: string): { viewer: string } | { token: string };

  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await new Promise((resolve) => setTimeout(resolve, 0)); // overdue timers run in a microtask
    await this.settle();
  }

  async settle(): Promise<void> {
    await this.flush();
    await Promise.all(this.viewers.map((viewer) => viewer.sync()));
  }

  protected abstract pipe(roundTripMs: number): Promise<Pipe>;
  protected abstract flush(): void | Promise<void>;
}

export class InPageHost extends BaseHost implements Host {
  readonly name = 'in-page';
  readonly persists = false;
  private readonly local: LocalRoom = createLocalRoom({
    room: ROOM,
    features: serverFeatures({ gifts: {} }),
    clock: this.clock,
    random: this.random,
    flushMs: 0,
  });
  private readonly network = localNetwork(this.local);

  async command(name: string, input: unknown): Promise<Answer> {
    return this.local.command(name, input);
  }

  async query(name: string, input: unknown): Promise<Answer> {
    return this.local.query(name, input);
  }

  async restart(): Promise<void> {
    throw new Error('the in-page room keeps nothing across a restart');
  }

  async close(): Promise<void> {
    this.local.dispose();
  }

  protected flush(): void {
    this.local.flush();
  }

  protected identify(id: string) {
    return { viewer: id };
  }

  who(id: string) {
    return { viewer: id, signed: false };
  }

  transport(): Transport {
    return this.network.transport();
  }

  protected async pipe(roundTripMs: number): Promise<Pipe> {
    const transport = this.network.transport({ latencyMs: roundTripMs / 2 });
    let listener: (frame: ServerFrame) => void = () => {};
    await new Promise<void>((resolve) =>
      transport.connect({ open: resolve, frame: (frame) => listener(frame), close() {} }),
    );
    return {
      send: (frame) => transport.send(frame),
      listen: (on) => {
        listener = on;
      },
      close: () => transport.disconnect(),
      // Nothing to measure; the clock moves as far as the server's does while it measures.
      measured: Promise.resolve().then(() => this.clock.advance(roundTripMs)),
    };
  }
}

export class ServerHost extends BaseHost implements Host {
  readonly name = 'server';
  readonly persists = true;
  private server!: OnairServer;
  private url = '';
  private readonly dir = mkdtempSync(join(tmpdir(), 'onair-conformance-'));

  async start(): Promise<this> {
    this.server = createServer({
      opsToken: OPS_TOKEN,
      viewerSecret: VIEWER_SECRET,
      db: join(this.dir, 'onair.db'),
      port: 0,
      clock: this.clock,
      random: this.random,
      flushIntervalMs: 0,
      // Scenarios send bursts no viewer would; the limits have their own tests.
      limits: {
        viewerActions: { rate: 1_000, burst: 1_000 },
        connectionFrames: { rate: 1_000, burst: 1_000 },
        // One round trip, measured at hello: pings later in a scenario would race the clock it moves.
        latencyPingMs: 3_600_000,
      },
      gifts: { sendLimit: { rate: 1_000, burst: 1_000 } },
    });
    this.url = (await this.server.listen()).url;
    return this;
  }

  command(name: string, input: unknown): Promise<Answer> {
    return this.call(`commands/${name}`, input);
  }

  query(name: string, input: unknown): Promise<Answer> {
    return this.call(`queries/${name}`, input);
  }

  async restart(): Promise<void> {
    for (const viewer of this.viewers) viewer.close();
    this.viewers = [];
    await this.server.close();
    await this.start();
  }

  async close(): Promise<void> {
    for (const viewer of this.viewers) viewer.close();
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  protected flush(): void {
    this.server.flush();
  }

  /** A host-issued token: its viewer id is the public id, as the in-page room's ids are. */
  protected identify(id: string) {
    return { token: signViewerToken(VIEWER_SECRET, id, T0 + 365 * 86_400_000) };
  }

  who(id: string) {
    return { viewer: id, signed: true };
  }

  transport(): Transport {
    return webSocketTransport(`${this.url.replace('http', 'ws')}/v1/live?room=${ROOM}`, {
      WebSocketImpl: WebSocket as unknown as WebSocketConstructor,
    });
  }

  protected pipe(roundTripMs: number): Promise<Pipe> {
    return socketPipe(`${this.url.replace('http', 'ws')}/v1/live?room=${ROOM}`, this.clock, roundTripMs);
  }

  private async call(path: string, input: unknown): Promise<Answer> {
    const response = await fetch(`${this.url}/v1/rooms/${ROOM}/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as RecordValue & { error?: ActionError };
    return response.ok ? { ok: true, result: body } : { ok: false, error: body.error! };
  }
}

const server = (options: Parameters<typeof createServer>[0]) =>
  createServer({
    ...options,
    port: 0,
    flushIntervalMs: 0,
    // Scenarios send bursts no viewer would; the limits have their own tests.
    limits: {
      viewerActions: { rate: 1_000, burst: 1_000 },
      connectionFrames: { rate: 1_000, burst: 1_000 },
    },
    gifts: { sendLimit: { rate: 1_000, burst: 1_000 } },
  });

export class ClusterHost extends BaseHost implements Host {
  readonly name = 'cluster';
  readonly persists = true;
  private nodes: { server: OnairServer; url: string }[] = [];
  private joined = 0;
  private readonly dir = mkdtempSync(join(tmpdir(), 'onair-conformance-'));
  /** Its own `redis-server`, kept across `restart()`. */
  private redis: RedisServer | null = null;

  async start(): Promise<this> {
    this.redis ??= await startRedis();
    const url = this.redis.url;
    this.nodes = await Promise.all(
      [0, 1].map(async (i) => {
        const node = server({
          opsToken: OPS_TOKEN,
          viewerSecret: VIEWER_SECRET,
          db: join(this.dir, `node-${i}.db`),
          collectorDb: join(this.dir, `events-${i}.db`),
          clock: this.clock,
          // Shared: whichever node owns the room draws what a single server would.
          random: this.random,
          redis: url,
        });
        return { server: node, url: (await node.listen()).url };
      }),
    );
    return this;
  }

  command(name: string, input: unknown): Promise<Answer> {
    return opsCall(this.nodes[0]!.url, `commands/${name}`, input);
  }

  query(name: string, input: unknown): Promise<Answer> {
    return opsCall(this.nodes[1]!.url, `queries/${name}`, input);
  }

  async restart(): Promise<void> {
    for (const viewer of this.viewers) viewer.close();
    this.viewers = [];
    await Promise.all(this.nodes.map((node) => node.server.close()));
    await this.start();
  }

  async close(): Promise<void> {
    for (const viewer of this.viewers) viewer.close();
    await Promise.all(this.nodes.map((node) => node.server.close()));
    await this.redis?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Owners' work and deltas first, on every node; then every node has heard every delta. */
  protected async flush(): Promise<void> {
    for (let round = 0; round < 2; round++) for (const node of this.nodes) await node.server.settle();
  }

  protected identify(id: string) {
    return { token: signViewerToken(VIEWER_SECRET, id, T0 + 365 * 86_400_000) };
  }

  who(id: string) {
    return { viewer: id, signed: true };
  }

  transport(): Transport {
    return webSocketTransport(this.liveUrl(), {
      WebSocketImpl: WebSocket as unknown as WebSocketConstructor,
    });
  }

  /** Viewers join the nodes in turn. */
  private liveUrl(): string {
    const node = this.nodes[this.joined++ % this.nodes.length]!;
    return `${node.url.replace('http', 'ws')}/v1/live?room=${ROOM}`;
  }

  protected pipe(roundTripMs: number): Promise<Pipe> {
    return socketPipe(this.liveUrl(), this.clock, roundTripMs);
  }
}

/**
 * A WebSocket to a server node. The server pings at hello and times the pong on its clock: the pong
 * is held while the clock moves `roundTripMs`, so that is the round trip the server measures.
 */
async function socketPipe(url: string, clock: FakeClock, roundTripMs: number): Promise<Pipe> {
  const ws = new WebSocket(url, { autoPong: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const measured = new Promise<void>((resolve) =>
    ws.once('ping', (data) => {
      clock.advance(roundTripMs);
      ws.pong(data);
      ws.on('ping', (later) => ws.pong(later));
      resolve();
    }),
  );
  return {
    send: (frame) => ws.send(JSON.stringify(frame)),
    listen: (on) => ws.on('message', (data) => on(JSON.parse(String(data)) as ServerFrame)),
    close: () => ws.terminate(),
    measured,
  };
}

async function opsCall(url: string, path: string, input: unknown): Promise<Answer> {
  const response = await fetch(`${url}/v1/rooms/${ROOM}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as RecordValue & { error?: ActionError };
  return response.ok ? { ok: true, result: body } : { ok: false, error: body.error! };
}

export async function startHost(name: Host['name']): Promise<Host> {
  if (name === 'in-page') return new InPageHost();
  return name === 'server' ? new ServerHost().start() : new ClusterHost().start();
}
