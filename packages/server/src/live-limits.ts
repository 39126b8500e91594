/**
 * The live channel's limits on what a client can make the server hold or do: action budgets per
 * viewer, connections per client address and room, and the bytes queued for clients that stopped
 * reading. Each is a number in `LiveLimits`, configurable, with a default that a busy room never
 * meets and an abusive client meets at once.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { WebSocket } from 'ws';
import { type BucketSpec, KeyedBuckets } from './rate-limit.js';
import type { RoomHost } from './room-host.js';

export interface LiveLimits {
  /** Every frame a connection sends, whatever it is. */
  connectionFrames: BucketSpec;
  /** Actions per viewer, across all of that viewer's connections. */
  viewerActions: BucketSpec;
  /**
   * Snapshots a connection may ask for again (`resync`): a snapshot is the dearest frame the server
   * sends, so a client past this waits for it instead of multiplying it.
   */
  resyncs: BucketSpec;
  helloTimeoutMs: number;
  /**
   * How often the server pings each connection (WebSocket ping frames, which browsers answer by
   * themselves) to measure its round trip: the latency allowance of its actions (a quiz answer).
   */
  latencyPingMs: number;
  /** Bytes queued for one client; past it, the client stopped reading and is cut off. */
  maxBufferedBytes: number;
  /** Bytes queued for all clients together; past it, the clients furthest behind are cut off. */
  maxTotalBufferedBytes: number;
  /** Connections of one client address to one room. */
  connectionsPerAddress: number;
  /** Rooms held in memory at once (a room is held while anyone is in it or a timer is armed). */
  maxRooms: number;
  /** Take the client address from `X-Forwarded-For` (set when a trusted proxy is in front). */
  trustProxy: boolean;
}

export const DEFAULT_LIMITS: LiveLimits = {
  connectionFrames: { rate: 20, burst: 40 },
  viewerActions: { rate: 10, burst: 20 },
  resyncs: { rate: 0.2, burst: 3 },
  helloTimeoutMs: 10_000,
  latencyPingMs: 10_000,
  maxBufferedBytes: 1024 * 1024,
  maxTotalBufferedBytes: 64 * 1024 * 1024,
  connectionsPerAddress: 50,
  maxRooms: 10_000,
  trustProxy: false,
};

/**
 * The client's address: the socket's peer, or — behind a trusted proxy — the right-most
 * `X-Forwarded-For` entry, the one that proxy itself saw (entries left of it are the client's say).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  if (trustProxy && header) {
    const last = header.split(',').at(-1)?.trim();
    // Only an address: anything else in the header counts as the proxy's own connection.
    if (last && isIP(last)) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The key a limit counts by: IPv4 as is (also when written IPv4-mapped), IPv6 by its /64 network,
 * which one subscriber usually holds whole, so rotating through it buys nothing.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Connections per (room, client address); a count that returns to zero is forgotten. */
export class AddressCounter {
  private readonly counts = new Map<string, number>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Takes a place for one more connection; false when the address has all it may have. */
  take(room: string, address: string): boolean {
    const key = `${room}\n${address}`;
    const count = this.counts.get(key) ?? 0;
    if (count >= this.limit) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  release(room: string, address: string): void {
    const key = `${room}\n${address}`;
    const count = (this.counts.get(key) ?? 1) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }

  get size(): number {
    return this.counts.size;
  }
}

/**
 * Per-viewer action budgets across all of a viewer's connections: the channel's own, and each
 * action's (a feature may declare one, e.g. 5 gifts a second) on top.
 */
export class ActionBuckets {
  private readonly all: KeyedBuckets;
  private readonly byAction = new Map<string, KeyedBuckets>();

  constructor(limits: LiveLimits, rooms: Pick<RoomHost, 'features'>) {
    this.all = new KeyedBuckets(limits.viewerActions);
    for (const feature of rooms.features)
      for (const [name, action] of Object.entries(feature.actions ?? {}))
        if (action.limit) this.byAction.set(name, new KeyedBuckets(action.limit));
  }

  /** Takes one action's tokens; the wait in ms when over a budget. */
  take(viewer: string, name: string, now: number): number {
    return this.all.take(viewer, now) || (this.byAction.get(name)?.take(viewer, now) ?? 0);
  }

  sweep(now: number): void {
    this.all.sweep(now);
    for (const buckets of this.byAction.values()) buckets.sweep(now);
  }
}

/**
 * Cuts off the clients the server would otherwise buffer for without bound: every `intervalMs`,
 * while the bytes queued for all clients pass the total, the client furthest behind is destroyed
 * (no close handshake: it is not reading one). One client past its own limit is cut off on send.
 */
export function guardBuffers(
  clients: () => Iterable<WebSocket>,
  limits: LiveLimits,
  onDrop: (ws: WebSocket, queued: number) => void,
  intervalMs = 500,
): () => void {
  const timer = setInterval(() => {
    const queued = [...clients()].map((ws) => ({ ws, bytes: ws.bufferedAmount })).filter((c) => c.bytes > 0);
    let total = queued.reduce((sum, c) => sum + c.bytes, 0);
    if (total <= limits.maxTotalBufferedBytes) return;
    queued.sort((a, b) => b.bytes - a.bytes);
    for (const { ws, bytes } of queued) {
      if (total <= limits.maxTotalBufferedBytes) break;
      onDrop(ws, bytes);
      ws.terminate();
      total -= bytes;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
