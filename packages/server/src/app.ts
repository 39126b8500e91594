/**
 * Wires the reference server: SQLite, rooms, polls, the live channel, the ops API, the crowd
 * simulator, and the telemetry collector's registration point.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ActionHandler } from './actions.js';
import { type Clock, systemClock } from './clock.js';
import { collectorPlugin } from './collector/index.js';
import { CrowdManager } from './crowd.js';
import { closeDatabase, type Database, openDatabase, startCheckpointer } from './db.js';
import { type GiftOptions, GiftService } from './gifts.js';
import { giftRoutes } from './gifts-routes.js';
import { signViewerToken } from './identity.js';
import { VoteJournal } from './journal.js';
import { attachLive, DEFAULT_LIMITS, type LiveLimits } from './live.js';
import { opsRoutes } from './ops.js';
import { bearerCheck } from './ops-auth.js';
import { PollService } from './polls.js';
import { ProductService } from './products.js';
import { productRoutes } from './products-routes.js';
import { RoomRegistry } from './rooms.js';
import { createStore } from './store.js';

export interface ServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** SQLite file (its folder is created) or `:memory:`. Default `:memory:`; the CLI defaults to a file. */
  db?: string;
  opsToken: string;
  viewerSecret?: string | null;
  requireSignedViewers?: boolean;
  /** Page origins allowed to call the HTTP APIs from a browser; `'*'` for any. Default none. */
  corsOrigins?: readonly string[];
  logger?: FastifyServerOptions['logger'];
  /** Wall clock and countdown timers (tests move time instead of sleeping). */
  clock?: Clock;
  limits?: Partial<LiveLimits>;
  /** Minimum time between two deltas of one room, ms. Default 100. */
  flushIntervalMs?: number;
  /** Gifts: starting balance of the default wallet, a real wallet, the per-viewer send limit. */
  gifts?: GiftOptions;
}

export interface OnairServer {
  app: FastifyInstance;
  db: Database;
  listen(): Promise<{ port: number; url: string }>;
  /** Graceful: stop accepting, flush pending deltas, close sockets and HTTP, checkpoint and close SQLite. */
  close(): Promise<void>;
}

/** Idempotency records are kept this long; a client retries within seconds, not days. */
const ACK_RETENTION_MS = 24 * 60 * 60 * 1000;

export function createServer(options: ServerOptions): OnairServer {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const corsOrigins = [...(options.corsOrigins ?? [])];
  const viewerSecret = options.viewerSecret ?? null;
  if (options.requireSignedViewers && !viewerSecret)
    throw new TypeError('requireSignedViewers needs a viewerSecret');

  const db = openDatabase(options.db ?? ':memory:');
  const checkpointer = startCheckpointer(db);
  const store = createStore(db);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  const rooms = new RoomRegistry({ store, clock, flushIntervalMs: options.flushIntervalMs ?? 100 });
  const journal = new VoteJournal(store, (failed, err) => {
    app.log.error({ err, rooms: [...failed] }, 'writing votes failed; reloading the rooms from the database');
    for (const room of failed) rooms.reload(room);
  });
  const polls = new PollService({ store, journal, rooms, clock });
  const gifts = new GiftService({ db, rooms, clock }, options.gifts);
  const actions: Record<string, ActionHandler> = { 'poll.vote': polls.vote };
  actions['gift.send'] = gifts.send;
  actions['gift.wallet'] = gifts.walletAction;
  const products = new ProductService({ db, rooms, clock });
  const live = attachLive(app.server, {
    rooms,
    journal,
    clock,
    identity: { viewerSecret, requireSignedViewers: options.requireSignedViewers ?? false },
    actions,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    log: app.log,
  });
  let liveUrl: string | null = null;
  const crowd = new CrowdManager({
    liveUrl: () => liveUrl,
    sign:
      options.requireSignedViewers && viewerSecret
        ? (viewer) => signViewerToken(viewerSecret, viewer, clock.now() + 3_600_000)
        : null,
    now: () => clock.now(),
  });
  polls.start();

  let closing: Promise<void> | null = null;
  const started = clock.now();

  app.get('/healthz', async (_req, reply) => {
    if (closing) return reply.code(503).send({ ok: false, closing: true });
    return { ok: true, connections: live.connections(), uptimeMs: clock.now() - started };
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } }),
  );
  app.register(opsRoutes, { opsToken: options.opsToken, corsOrigins, rooms, polls, crowd });
  app.register(giftRoutes, { opsToken: options.opsToken, corsOrigins, rooms, gifts });
  app.register(productRoutes, { opsToken: options.opsToken, corsOrigins, rooms, products });

  // ── Telemetry collector ─────────────────────────────────────────────────────────────────────
  // The collector plugin (src/collector/) registers here, on the same app and database:
  //   app.register(collectorPlugin, { db, corsOrigins });
  app.register(collectorPlugin, {
    db,
    corsOrigins,
    now: () => clock.now(),
    authorizeStats: bearerCheck(options.opsToken),
  });
  // ────────────────────────────────────────────────────────────────────────────────────────────

  const purge = setInterval(() => store.purgeAcks(clock.now() - ACK_RETENTION_MS), 3_600_000);
  purge.unref();

  return {
    app,
    db,
    async listen() {
      await app.listen({ host, port: options.port ?? 8787 });
      const address = app.server.address() as AddressInfo;
      const loopback = address.family === 'IPv6' ? '[::1]' : '127.0.0.1';
      const reachable =
        host === '0.0.0.0' || host === '::'
          ? loopback
          : address.family === 'IPv6'
            ? `[${address.address}]`
            : address.address;
      liveUrl = `ws://${reachable}:${address.port}/v1/live`;
      return { port: address.port, url: `http://${reachable}:${address.port}` };
    },
    close() {
      closing ??= (async () => {
        clearInterval(purge);
        await crowd.stopAll();
        polls.dispose();
        // Store the last votes, then deliver the last coalesced changes, before telling clients to go.
        journal.flush();
        await new Promise((resolve) => setImmediate(resolve));
        rooms.flushAll();
        await live.close();
        await app.close();
        for (const room of rooms.all()) room.dispose();
        await checkpointer.stop();
        closeDatabase(db);
      })();
      return closing;
    },
  };
}
