/**
 * The telemetry collector: `POST /v1/events` takes a batch from @onair/telemetry, validates the
 * batch and then each event on its own, dedupes by event id, corrects the viewer's clock with
 * the batch's `sentAt`, and stores into its own SQLite file. The wire format is
 * packages/telemetry/EVENTS.md.
 *
 * It must never hurt the live channel it shares a process with: senders are rate-limited per
 * address and per origin before their body is read (`limits.ts`), at most `maxQueued` batches wait
 * at a time, and every batch is parsed, checked and stored on the collector's own thread
 * (`thread.ts`), in a file of its own, so its writes never share a WAL with the live channel's.
 *
 * Requests stay CORS-simple on the client's side: `text/plain` bodies and gzip signalled by
 * `?enc=gzip`, so browsers send no preflight. `Content-Encoding: gzip` and `application/json`
 * work too (for servers and tools); a browser sending those pays a preflight, answered here.
 */
import { basename, dirname, join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clip } from '../errors.js';
import { addressKey, clientAddress } from '../live-limits.js';
import type { IngestResult, RelayedBatch } from './ingest.js';
import { CollectorLimiter, type CollectorLimits, DEFAULT_COLLECTOR_LIMITS, type Sender } from './limits.js';
import { type StatsAuthorizer, statsRoutes } from './stats/routes.js';
import { Tarpit } from './tarpit.js';
import { CollectorThread, CollectorUnavailable, type EventStats } from './thread.js';

export type { IngestResult, RelayedBatch } from './ingest.js';
export { type CollectorLimits, DEFAULT_COLLECTOR_LIMITS, parseRateSpec } from './limits.js';
export type { EventError } from './schema.js';
export type { StatsAuthorizer } from './stats/routes.js';
export { createEventStore, type EventStore } from './store.js';
export type { EventStats } from './thread.js';

export interface CollectorOptions {
  /** The events' SQLite file, or `:memory:`. Never the live channel's file. */
  file: string;
  /** Page origins allowed to post from a browser; `'*'` for any. Requests without `Origin` are served. */
  corsOrigins: readonly string[];
  /** Largest body, compressed or not, and largest body after gunzip. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Rate limits per address and origin; `null` turns them off. Default `DEFAULT_COLLECTOR_LIMITS`. */
  limits?: CollectorLimits | null;
  /** Batches waiting for the collector's thread at most; past it, 503. Default 32. */
  maxQueued?: number;
  /** Take the client address from the right-most `X-Forwarded-For` entry. Default false. */
  trustProxy?: boolean;
  now?: () => number;
  /**
   * Who may read `/v1/events/stats` (scope `events:read`) and `/v1/stats/…` (`stats:read`), given
   * the Authorization header: null to let the request through, else the refusal to answer with
   * (401 or 403). Default: anyone.
   */
  authorizeStats?: StatsAuthorizer;
  /** Called after each stored batch (metrics, tests). */
  onIngest?: (result: IngestResult) => void;
  /**
   * Cluster mode: valid events go to the cluster's event stream instead of this node's file, and
   * stats are the cluster's (see `cluster/telemetry.ts`).
   */
  relay?: {
    publish(batch: RelayedBatch): Promise<void>;
    stats(room?: string): Promise<EventStats>;
  } | null;
}

const PATH = '/v1/events';

/**
 * The collector's file: `given`, else `events.db` next to the live file (a `:memory:` or `file:`
 * live database gets `:memory:`). Never the live file itself: the two must not share a WAL.
 */
export function eventsFileFor(liveDb: string, given?: string | null): string {
  const memory = liveDb === ':memory:' || liveDb.startsWith('file:');
  const file =
    given ??
    (memory
      ? ':memory:'
      : join(dirname(liveDb), basename(liveDb) === 'events.db' ? 'telemetry.db' : 'events.db'));
  if (file !== ':memory:' && !memory && resolve(file) === resolve(liveDb))
    throw new TypeError(`the collector's file must not be the live database (${liveDb})`);
  return file;
}

const fail = (
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extra: { path?: string; errors?: unknown[] } = {},
) =>
  reply.code(status).send({
    accepted: 0,
    duplicate: 0,
    rejected: 0,
    errors: extra.errors ?? [],
    error: { code, message, ...(extra.path === undefined ? {} : { path: extra.path }) },
  });

const retryAfter = (reply: FastifyReply, ms: number) =>
  reply.header('retry-after', String(Math.max(1, Math.ceil(ms / 1000))));

/** A plain (encapsulated) plugin: its body parser and hooks apply to these routes only. */
export async function collectorPlugin(app: FastifyInstance, options: CollectorOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const origins = options.corsOrigins;
  const maxQueued = options.maxQueued ?? 32;
  const limits = options.limits === undefined ? DEFAULT_COLLECTOR_LIMITS : options.limits;
  const limiter = limits ? new CollectorLimiter(limits) : null;
  const tarpit = limits ? new Tarpit(limits.holdMs, limits.maxHeld) : null;
  const thread = new CollectorThread({ file: options.file, maxBodyBytes: limit });
  const senders = new WeakMap<FastifyRequest, Sender>();
  app.addHook('preClose', async () => tarpit?.release());
  app.addHook('onClose', async () => {
    limiter?.close();
    await thread.close();
  });
  if (options.file !== ':memory:') await thread.start();

  // Raw bytes whatever the type: text/plain is what browsers send to stay CORS-simple.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, raw, done) =>
    done(null, raw),
  );

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (origin) {
      if (!(origins.includes('*') || origins.includes(origin)))
        return fail(reply, 403, 'origin_not_allowed', `origin ${clip(origin)} may not send telemetry here`);
      // Set before any error too: a 413 or 429 without these reads as a network error to fetch().
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-expose-headers', 'Retry-After');
    }
    if (!limiter || req.method === 'GET') return;
    // Before the body is read: a refused sender costs a header parse, not a JSON parse.
    const sender: Sender = {
      address: addressKey(clientAddress(req.raw, options.trustProxy ?? false)),
      origin: origin ?? 'none',
    };
    const over = limiter.admit(sender);
    if (over) {
      const left = over.waitMs - (await tarpit!.hold(over.waitMs, req.raw.socket));
      return fail(
        retryAfter(reply, left),
        429,
        'rate_limited',
        `too many events from this ${over.scope}; retry in ${Math.max(1, Math.ceil(left / 1000))} s`,
      );
    }
    senders.set(req, sender);
  });

  app.options(PATH, async (_req, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type, content-encoding')
      .header('access-control-max-age', '86400')
      .send(),
  );

  app.post(PATH, async (req, reply) => {
    if (thread.queued >= maxQueued)
      return fail(retryAfter(reply, 1000), 503, 'collector_busy', 'too many batches waiting; retry shortly');
    const body = req.body instanceof Buffer ? req.body : Buffer.alloc(0);
    const query = req.query as { enc?: string };
    let outcome: Awaited<ReturnType<typeof thread.ingest>>;
    try {
      outcome = await thread.ingest({
        body,
        gzip: query.enc === 'gzip' || req.headers['content-encoding'] === 'gzip',
        receivedAt: now(),
        ...(options.relay ? { relay: true } : {}),
      });
    } catch (error) {
      if (!(error instanceof CollectorUnavailable)) throw error;
      return fail(retryAfter(reply, 1000), 503, 'collector_unavailable', error.message);
    }
    const sender = senders.get(req);
    if (sender) limiter?.charge(sender, outcome.cost);
    if (!outcome.ok)
      return fail(reply, outcome.status, outcome.code, outcome.message, {
        errors: outcome.errors,
        ...(outcome.path === undefined ? {} : { path: outcome.path }),
      });
    if (options.relay && outcome.relayed?.events.length) {
      try {
        await options.relay.publish(outcome.relayed);
      } catch (error) {
        req.log.error({ err: error }, 'relaying events to the cluster failed');
        return fail(retryAfter(reply, 1000), 503, 'collector_unavailable', 'the event stream is unavailable');
      }
    }
    options.onIngest?.(outcome.result);
    return { ...outcome.result, errors: outcome.errors };
  });

  // The ops review (`stats/`): on the collector's thread too; the app puts it behind the ops token.
  statsRoutes(app, {
    thread,
    unavailable: options.relay
      ? "the Stats API is not available in cluster mode yet: events go to the cluster's stream, which keeps counts by type only (GET /v1/events/stats)"
      : null,
    ...(options.authorizeStats === undefined ? {} : { authorize: options.authorizeStats }),
  });

  // Counts by type for dashboards; the app puts it behind the ops token.
  app.get(`${PATH}/stats`, async (req, reply) => {
    const refused = options.authorizeStats?.(req.headers.authorization, 'events:read', `GET ${PATH}/stats`);
    if (refused) {
      if (refused.status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(refused.status).send({ error: refused.error });
    }
    const { room } = req.query as { room?: string };
    try {
      const stats = options.relay ? options.relay.stats(room || undefined) : thread.stats(room || undefined);
      return { room: room ?? null, ...(await stats) };
    } catch (error) {
      if (!(error instanceof CollectorUnavailable)) throw error;
      return reply.code(503).send({ error: { code: 'collector_unavailable', message: error.message } });
    }
  });
}
