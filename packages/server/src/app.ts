/**
 * Wires the reference server: SQLite, the rooms running the live features, the live channel, the
 * ops API (derived from the features' commands, plus room info and the crowd), the crowd
 * simulator, and the telemetry collector.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AnyFeature } from '@onair/core/feature.js';
import { KEY_RETENTION_MS } from '@onair/core/protocol.js';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AuditLog } from './accounts/audit.js';
import { accountRoutes } from './accounts/routes.js';
import { TokenStore } from './accounts/tokens.js';
import { campaignRoutes } from './campaigns/routes.js';
import { CampaignRunner } from './campaigns/runner.js';
import { CampaignVersions } from './campaigns/versions.js';
import { type Clock, systemClock } from './clock.js';
import { ClusterHost } from './cluster/host.js';
import { type CollectorLimits, collectorPlugin, eventsFileFor } from './collector/index.js';
import { consoleRoutes } from './console.js';
import { CrowdManager } from './crowd.js';
import { closeDatabase, type Database, openDatabase, startCheckpointer } from './db.js';
import { errorAnswerOptions, errorBody, installErrorAnswers } from './errors.js';
import { featureRoutes } from './feature-routes.js';
import { type FeatureOptions, serverFeatures } from './features.js';
import { signViewerToken } from './identity.js';
import { Journal } from './journal.js';
import { attachLive, DEFAULT_LIMITS, type LiveLimits } from './live.js';
import { opsRoutes } from './ops.js';
import { createAccounts, refusal } from './ops-auth.js';
import type { RoomHost } from './room-host.js';
import { RoomRegistry } from './rooms.js';
import { createStore } from './store.js';

export interface ServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** SQLite file (its folder is created) or `:memory:`. Default `:memory:`; the CLI defaults to a file. */
  db?: string;
  /** The telemetry collector's own SQLite file. Default `events.db` next to `db` (`:memory:` with it). */
  collectorDb?: string | null;
  /** The collector's rate limits per address and origin; `null` for none. Default: documented ones. */
  collectorLimits?: CollectorLimits | null;
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
  /** Gifts: the coins a viewer starts with. */
  gifts?: FeatureOptions['gifts'];
  /** The live features to run (default: polls, gifts, products, quizzes). */
  features?: readonly AnyFeature[];
  /** The handlers' randomness, uniform in [0, 1) (default: crypto); tests pass a seeded one. */
  random?: () => number;
  /**
   * Cluster mode: `redis://host:port/db`. The live rooms' state, their owners' leases and the
   * traffic between nodes go through this Redis; SQLite keeps only the collector's events.
   */
  redis?: string | null;
  /** Cluster mode: how long a room owner's lease lasts without renewal, ms (default 2000). */
  redisLeaseMs?: number;
}

export interface OnairServer {
  app: FastifyInstance;
  db: Database;
  /** Named ops tokens (also managed by `onair-server tokens`). */
  tokens: TokenStore;
  /** Every route the app registered (method and URL pattern), for the scope test and docs. */
  routes: readonly { method: string; url: string }[];
  /** Cluster mode's host, or null on a single node. */
  cluster: ClusterHost | null;
  listen(): Promise<{ port: number; url: string }>;
  /** Stores the actions waiting for their group commit, answers them, and sends pending deltas now. */
  flush(): void;
  /**
   * `flush()`, then in cluster mode waits until this node's requests are answered, the rooms it
   * owns have sent their deltas, and the deltas published so far have reached its viewers.
   */
  settle(): Promise<void>;
  /** Graceful: stop accepting, flush pending deltas, close sockets and HTTP, checkpoint and close SQLite. */
  close(): Promise<void>;
}

/**
 * Idempotency records are kept an hour longer than a stamped key may be old, so every key whose ack
 * is gone is refused as `key_expired` even when its maker's clock ran an hour ahead.
 */
const ACK_RETENTION_MS = KEY_RETENTION_MS + 60 * 60 * 1000;

export function createServer(options: ServerOptions): OnairServer {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const corsOrigins = [...(options.corsOrigins ?? [])];
  const viewerSecret = options.viewerSecret ?? null;
  if (options.requireSignedViewers && !viewerSecret)
    throw new TypeError('requireSignedViewers needs a viewerSecret');

  const collectorDb = eventsFileFor(options.db ?? ':memory:', options.collectorDb);
  const db = openDatabase(options.db ?? ':memory:');
  const checkpointer = startCheckpointer(db);
  const store = createStore(db);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, ...errorAnswerOptions });
  installErrorAnswers(app);
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  // Named tokens and the audit log live in the live file; every ops plugin finds them on the app.
  const tokens = new TokenStore(db, () => clock.now());
  const audit = new AuditLog(db);
  const accounts = createAccounts({ opsToken: options.opsToken, tokens, audit, now: () => clock.now() });
  app.decorate('onairAccounts', accounts);
  const journal: Journal = new Journal(store, (failed, err) => {
    app.log.error(
      { err, rooms: [...failed] },
      'storing changes failed; reloading the rooms from the database',
    );
    rooms.reload(failed);
  });
  const limits: LiveLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const features = options.features ?? serverFeatures({ gifts: options.gifts ?? {} });
  const random = options.random ?? (() => randomBytes(6).readUIntBE(0, 6) / 2 ** 48);
  const flushIntervalMs = options.flushIntervalMs ?? 100;
  const rooms = new RoomRegistry(
    {
      store,
      journal,
      clock,
      flushIntervalMs,
      features,
      random,
      onError: (err) => app.log.error({ err }, 'a feature handler failed'),
    },
    limits.maxRooms,
  );
  // Cluster mode: the live rooms are the cluster's; the SQLite registry above stays empty.
  const cluster = options.redis
    ? new ClusterHost({
        url: options.redis,
        ...(options.redisLeaseMs === undefined ? {} : { leaseMs: options.redisLeaseMs }),
        features,
        clock,
        random,
        flushIntervalMs,
        ackRetentionMs: ACK_RETENTION_MS,
        maxRooms: limits.maxRooms,
        log: app.log,
      })
    : null;
  const liveRooms: RoomHost & { size: number } = cluster ?? rooms;
  // The server's own sockets (the simulated crowd) say so with this, and are not one client address.
  const internalToken = randomBytes(18).toString('base64url');
  const live = attachLive(app.server, {
    internalToken,
    rooms: liveRooms,
    clock,
    identity: { viewerSecret, requireSignedViewers: options.requireSignedViewers ?? false },
    limits,
    log: app.log,
  });
  let liveUrl: string | null = null;
  const crowd = new CrowdManager({
    liveUrl: () => liveUrl,
    sign:
      options.requireSignedViewers && viewerSecret
        ? (viewer) => signViewerToken(viewerSecret, viewer, clock.now() + 3_600_000)
        : null,
    internalToken,
    now: () => clock.now(),
  });
  if (!cluster) rooms.start();

  let closing: Promise<void> | null = null;
  const started = clock.now();

  app.get('/healthz', async (_req, reply) => {
    if (closing)
      return reply
        .code(503)
        .send({ ok: false, closing: true, ...errorBody('shutting_down', 'the server is shutting down') });
    const health = {
      ok: true,
      connections: live.connections(),
      rooms: liveRooms.size,
      uptimeMs: clock.now() - started,
    };
    return cluster
      ? {
          ...health,
          cluster: {
            node: cluster.node,
            owned: cluster.ownedRooms.length,
            redisRoundTrips: cluster.roundTrips,
          },
        }
      : health;
  });
  app.register(opsRoutes, { opsToken: options.opsToken, corsOrigins, rooms: liveRooms, crowd });
  app.register(featureRoutes, { opsToken: options.opsToken, corsOrigins, rooms: liveRooms });
  app.register(accountRoutes, { opsToken: options.opsToken, corsOrigins, audit, tokens });
  app.register(consoleRoutes);
  // Campaigns: every push a stored version; their timelines run on this server's clock.
  const campaignVersions = new CampaignVersions(db);
  const campaigns = new CampaignRunner({ rooms: liveRooms, versions: campaignVersions, clock, log: app.log });
  app.register(campaignRoutes, {
    opsToken: options.opsToken,
    corsOrigins,
    rooms: liveRooms,
    versions: campaignVersions,
    runner: campaigns,
    clock,
  });

  // ── Telemetry collector ─────────────────────────────────────────────────────────────────────
  // The collector plugin (src/collector/) registers here, on the same app but its own file and thread.
  app.register(collectorPlugin, {
    file: collectorDb,
    corsOrigins,
    trustProxy: limits.trustProxy,
    ...(options.collectorLimits === undefined ? {} : { limits: options.collectorLimits }),
    now: () => clock.now(),
    authorizeStats: (authorization, scope, what) =>
      refusal(accounts.authenticate(authorization), scope, what),
    relay: cluster?.telemetry ?? null,
  });
  // ────────────────────────────────────────────────────────────────────────────────────────────

  // Hourly, on the server's clock (tests move it): forget acks past their retention.
  let purge = { cancel() {} };
  const purgeHourly = () => {
    purge = clock.setTimer(() => {
      journal.flush();
      store.purgeAcks(clock.now() - ACK_RETENTION_MS);
      purgeHourly();
    }, 3_600_000);
  };
  purgeHourly();

  return {
    app,
    db,
    tokens,
    routes,
    cluster,
    async listen() {
      await cluster?.start();
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
      // A restart resumes every campaign that had not ended: what fired stays fired, what came due fires.
      await campaigns.resume();
      return { port: address.port, url: `http://${reachable}:${address.port}` };
    },
    flush() {
      journal.flush();
      rooms.flushAll();
    },
    async settle() {
      journal.flush();
      rooms.flushAll();
      await cluster?.settle();
    },
    close() {
      closing ??= (async () => {
        purge.cancel();
        campaigns.close();
        await crowd.stopAll();
        // Store the last actions, then deliver the last coalesced changes, before telling clients to go.
        journal.flush();
        await new Promise((resolve) => setImmediate(resolve));
        rooms.flushAll();
        await live.close();
        await app.close();
        await cluster?.close();
        for (const room of rooms.all()) room.dispose();
        journal.close(); // the last deltas' seqs
        await checkpointer.stop();
        closeDatabase(db);
      })();
      return closing;
    },
  };
}
