/**
 * The live channel at `/v1/live?room=<id>`: WebSocket upgrade on Fastify's HTTP server (plain `ws`,
 * `noServer`), the hello handshake, frame decoding, rate limits and action dispatch.
 *
 * Frame sizes: frames over 16 KiB are refused with `frame_too_large` and the connection stays;
 * frames over 64 KiB are not buffered at all — `ws` closes the connection with 1009.
 */
import type { IncomingMessage, Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import type { Clock } from '@onair/core/feature.js';
import {
  type AckFrame,
  type ActionError,
  type ClientFrame,
  type Decoded,
  decodeClientFrame,
  type ErrorFrame,
  type HelloFrame,
  KEY_EXPIRED,
  keyExpired,
} from '@onair/core/protocol.js';
import { type WebSocket, WebSocketServer } from 'ws';
import { type IdentityOptions, identify, type Viewer } from './identity.js';
import {
  ActionBuckets,
  AddressCounter,
  addressKey,
  clientAddress,
  guardBuffers,
  type LiveLimits,
} from './live-limits.js';
import { TokenBucket } from './rate-limit.js';
import type { HostedRoom, RoomHost } from './room-host.js';
import { type RoomClient, RoomsFull } from './rooms.js';
import { RoundTrips } from './round-trips.js';

export { DEFAULT_LIMITS, type LiveLimits } from './live-limits.js';

/** Hard cap handed to `ws`; between MAX_FRAME_BYTES and this a frame is refused, not fatal. */
const HARD_MAX_PAYLOAD = 64 * 1024;

/**
 * WebSocket close codes. 1008 and 4401 tell the client that reconnecting as it is cannot help (the
 * channel client treats them as final); the others invite a reconnect.
 */
export const CLOSE = {
  badHello: 1008,
  unauthorized: 4401,
  helloTimeout: 4408,
  goingAway: 1001,
  /** Try again later: the client stopped reading, or the server holds all it may. */
  tryLater: 1013,
} as const;

export interface LiveDeps {
  /** Sockets sending this in `x-onair-internal` are the server's own (the crowd): no address limit. */
  internalToken: string;
  rooms: RoomHost;
  clock: Clock;
  identity: IdentityOptions;
  limits: LiveLimits;
  log: { warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void };
}

export interface Live {
  connections(): number;
  /** Stops accepting, tells every client the server is going away and closes their sockets. */
  close(): Promise<void>;
}

export function attachLive(server: Server, deps: LiveDeps): Live {
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD, perMessageDeflate: false });
  const shared: Shared = {
    actions: new ActionBuckets(deps.limits, deps.rooms),
    addresses: new AddressCounter(deps.limits.connectionsPerAddress),
  };
  const sweep = setInterval(() => shared.actions.sweep(performance.now()), 30_000);
  sweep.unref();
  const stopGuard = guardBuffers(
    () => wss.clients,
    deps.limits,
    (_ws, queued) => deps.log.warn({ queued }, 'dropping a client furthest behind: too much queued for all'),
  );
  let closing = false;
  let internals = 0;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1/live' || closing) {
      // The same error shape as every HTTP answer; the path is the server's own, not echoed.
      const error = closing
        ? { code: 'shutting_down', message: 'the server is shutting down; reconnect shortly' }
        : { code: 'not_found', message: 'no WebSocket endpoint here; the live channel is /v1/live' };
      const body = JSON.stringify({ error });
      socket.end(
        `HTTP/1.1 ${closing ? '503 Service Unavailable' : '404 Not Found'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const internal = req.headers['x-onair-internal'] === deps.internalToken;
    const address = internal
      ? `internal:${++internals}`
      : addressKey(clientAddress(req, deps.limits.trustProxy));
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, url.searchParams.get('room'), address));
  };
  server.on('upgrade', onUpgrade);

  function connect(ws: WebSocket, queryRoom: string | null, address: string): void {
    const connection = new Connection(ws, queryRoom, address, deps, shared);
    ws.on('message', (data, isBinary) => connection.receive(data as Buffer, isBinary));
    ws.on('pong', (data) => connection.pong(data));
    ws.on('close', () => connection.dispose());
    ws.on('error', () => connection.dispose());
  }

  return {
    connections: () => wss.clients.size,
    async close() {
      closing = true;
      server.off('upgrade', onUpgrade);
      clearInterval(sweep);
      stopGuard();
      const closed = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close(CLOSE.goingAway, 'server shutting down');
            // A peer that does not answer the close handshake is cut off.
            setTimeout(() => ws.terminate(), 2_000).unref();
          }),
      );
      await Promise.all(closed);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** What every connection of the server shares: budgets and counts across connections. */
interface Shared {
  actions: ActionBuckets;
  addresses: AddressCounter;
}

class Connection implements RoomClient {
  viewer: Viewer = { id: '', key: '', signed: false, expiresAt: null };
  private room: HostedRoom | null = null;
  private readonly ws: WebSocket;
  private readonly queryRoom: string | null;
  private readonly address: string;
  private readonly deps: LiveDeps;
  private readonly shared: Shared;
  private readonly frames: TokenBucket;
  private readonly resyncs: TokenBucket;
  private resyncTimer: NodeJS.Timeout | null = null;
  private helloTimer: NodeJS.Timeout | null;
  /** The connection's round trips, measured with the server's own pings from `hello` on. */
  private readonly trips = new RoundTrips();
  private pingTimer: NodeJS.Timeout | null = null;
  private lastRateError = Number.NEGATIVE_INFINITY;

  constructor(ws: WebSocket, queryRoom: string | null, address: string, deps: LiveDeps, shared: Shared) {
    this.ws = ws;
    this.queryRoom = queryRoom;
    this.address = address;
    this.deps = deps;
    this.shared = shared;
    this.frames = new TokenBucket(deps.limits.connectionFrames, performance.now());
    this.resyncs = new TokenBucket(deps.limits.resyncs, performance.now());
    this.helloTimer = setTimeout(
      () => this.fatal(CLOSE.helloTimeout, 'hello_timeout', 'no hello frame within the time limit'),
      deps.limits.helloTimeoutMs,
    );
  }

  send(data: string | Buffer): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.deps.limits.maxBufferedBytes) {
      this.deps.log.warn(
        { room: this.room?.id, viewer: this.viewer.id },
        'dropping a client that stopped reading',
      );
      // No close handshake: a client that does not read would not read that either.
      this.ws.terminate();
      return;
    }
    this.ws.send(data, { binary: false });
  }

  receive(data: Buffer, isBinary: boolean): void {
    const now = performance.now();
    const wait = this.frames.take(now);
    if (wait > 0) {
      this.rateLimited(now, wait);
      return;
    }
    const decoded: Decoded<ClientFrame> = isBinary
      ? {
          ok: false,
          error: { code: 'invalid_frame', message: 'expected a text frame with JSON, got a binary frame' },
        }
      : decodeClientFrame(data.toString('utf8'));
    if (!decoded.ok) {
      // A hello that cannot be understood will not improve on retry: say so and close.
      if (decoded.type === 'hello' && !this.room)
        this.fatal(CLOSE.badHello, decoded.error.code, decoded.error.message, decoded.error.path);
      else if (decoded.key !== undefined)
        this.reply({ t: 'ack', key: decoded.key, ok: false, error: decoded.error });
      else this.error(decoded.error);
      return;
    }
    try {
      this.handle(decoded.frame, now);
    } catch (err) {
      this.deps.log.error({ err, room: this.room?.id }, 'live frame handler failed');
      const frame = decoded.frame;
      const error = {
        code: 'internal_error',
        message: 'the server failed to handle this frame; nothing was changed',
      };
      if (frame.t === 'action') this.reply({ t: 'ack', key: frame.key, ok: false, error });
      else this.error(error);
    }
  }

  /** A WebSocket pong: the end of a round trip when it echoes the ping in flight. */
  pong(data: Buffer): void {
    this.trips.pong(data, this.deps.clock.now());
  }

  dispose(): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.helloTimer = this.resyncTimer = this.pingTimer = null;
    const room = this.room;
    if (!room) return;
    this.room = null;
    this.shared.addresses.release(room.id, this.address);
    room.leave(this, () => this.deps.rooms.release(room));
  }

  private handle(frame: ClientFrame, now: number): void {
    const room = this.room;
    if (frame.t === 'hello') this.hello(frame);
    else if (!room) this.error({ code: 'hello_required', message: `send a hello frame before "${frame.t}"` });
    else if (frame.t === 'ping') this.reply({ t: 'pong', now: this.deps.clock.now() });
    else if (frame.t === 'action') this.action(room, frame.key, frame.name, frame.payload, now);
    else this.resync(room, now);
  }

  /** A fresh snapshot now, or — past the resync allowance — one when the allowance refills. */
  private resync(room: HostedRoom, now: number): void {
    if (this.resyncTimer) return; // one is on its way
    const wait = this.resyncs.take(now);
    if (wait === 0) {
      this.sendSnapshot(room);
      return;
    }
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      this.resyncs.take(performance.now());
      if (this.room === room) this.sendSnapshot(room);
    }, wait);
  }

  private hello(frame: HelloFrame): void {
    if (this.room) {
      this.error({ code: 'already_joined', message: `already joined room ${this.room.id}` });
      return;
    }
    if (this.queryRoom !== null && this.queryRoom !== frame.room) {
      const message = `hello names room "${frame.room}" but the URL names "${this.queryRoom}"`;
      this.fatal(CLOSE.badHello, 'room_mismatch', message, 'room');
      return;
    }
    const identity = identify(this.deps.identity, frame, frame.room, this.deps.clock.now());
    if (!identity.ok) {
      this.fatal(CLOSE.unauthorized, identity.code, identity.message, identity.path);
      return;
    }
    let room: HostedRoom;
    try {
      room = this.deps.rooms.get(frame.room);
    } catch (error) {
      if (!(error instanceof RoomsFull)) throw error;
      this.fatal(CLOSE.tryLater, 'too_many_rooms', error.message);
      return;
    }
    if (!this.shared.addresses.take(room.id, this.address)) {
      const limit = this.deps.limits.connectionsPerAddress;
      this.fatal(
        CLOSE.tryLater,
        'too_many_connections',
        `this address holds ${limit} connections to this room`,
      );
      this.deps.rooms.release(room);
      return;
    }
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    this.viewer = identity.viewer;
    this.room = room;
    room.join(this);
    this.sendSnapshot(room);
    this.measureRoundTrip();
    this.pingTimer = setInterval(() => this.measureRoundTrip(), this.deps.limits.latencyPingMs);
    this.pingTimer.unref();
  }

  /**
   * Pings at the WebSocket level, timed on the clock that also times actions, so an action's
   * allowance and its arrival are measured alike (tests that move the clock see round trips of 0).
   */
  private measureRoundTrip(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping(this.trips.ping(this.deps.clock.now()));
  }

  private sendSnapshot(room: HostedRoom): void {
    const frames = room.snapshot(this.viewer, this);
    if (Array.isArray(frames)) {
      for (const frame of frames) this.send(frame);
      return;
    }
    // The cluster host reads the room and the viewer's records from Redis first.
    frames.then(
      (ready) => {
        if (this.room === room) for (const frame of ready) this.send(frame);
      },
      (err: unknown) => {
        this.deps.log.error({ err, room: room.id }, 'loading the snapshot failed');
        if (this.room === room)
          this.fatal(CLOSE.tryLater, 'internal_error', 'the room could not be loaded; reconnect');
      },
    );
  }

  /**
   * Answers an action: the first answer for a key seen before (no limit is charged for it); a key
   * stamped older than the server remembers is `key_expired`; else — within the viewer's budgets
   * and token — what the room's features say.
   */
  private action(
    room: HostedRoom,
    key: string,
    name: string,
    payload: Record<string, unknown>,
    now: number,
  ): void {
    const reply = (ack: AckFrame | string) => this.reply(ack);
    if (room.replay(this.viewer.key, key, reply)) return;
    const clockNow = this.deps.clock.now();
    if (keyExpired(key, clockNow)) {
      reply(refuse(key, KEY_EXPIRED.code, KEY_EXPIRED.message));
      return;
    }
    const wait = this.shared.actions.take(this.viewer.key, name, now);
    if (wait > 0)
      reply(refuse(key, 'rate_limited', `too many actions from this viewer; retry in ${wait} ms`));
    else if (this.viewer.expiresAt !== null && this.viewer.expiresAt <= clockNow)
      reply(refuse(key, 'token_expired', 'viewer token has expired; reconnect with a fresh token'));
    else room.act(this.viewer, name, payload, key, reply, this.trips.latencyMs);
  }

  private rateLimited(now: number, wait: number): void {
    // One notice per second is enough to explain a burst of dropped frames.
    if (now - this.lastRateError < 1_000) return;
    this.lastRateError = now;
    const { rate, burst } = this.deps.limits.connectionFrames;
    this.error({
      code: 'rate_limited',
      message: `too many frames on this connection (limit ${rate}/s, burst ${burst}); frames are dropped, retry in ${wait} ms`,
    });
  }

  /** Sends a frame; a string is an already serialized one (a stored ack). */
  private reply(frame: AckFrame | ErrorFrame | { t: 'pong'; now: number } | string): void {
    this.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  private error(error: ActionError): void {
    this.reply({ t: 'error', ...error });
  }

  private fatal(code: number, errorCode: string, message: string, path?: string): void {
    this.reply(
      path
        ? { t: 'error', code: errorCode, message, path, fatal: true }
        : { t: 'error', code: errorCode, message, fatal: true },
    );
    this.ws.close(code, errorCode);
  }
}

function refuse(key: string, code: string, message: string, path?: string): AckFrame {
  return { t: 'ack', key, ok: false, error: path ? { code, message, path } : { code, message } };
}
