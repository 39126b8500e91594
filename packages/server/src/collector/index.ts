/**
 * The telemetry collector: `POST /v1/events` takes a batch from @onair/telemetry, validates the
 * batch and then each event on its own, dedupes by event id, corrects the viewer's clock with
 * the batch's `sentAt`, and stores into SQLite. The wire format is packages/telemetry/EVENTS.md.
 *
 * Requests stay CORS-simple on the client's side: `text/plain` bodies and gzip signalled by
 * `?enc=gzip`, so browsers send no preflight. `Content-Encoding: gzip` and `application/json`
 * work too (for servers and tools); a browser sending those pays a preflight, answered here.
 */
import { gunzipSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkBatch } from './schema.js';
import { createEventStore } from './store.js';

export type { EventError } from './schema.js';
export { createEventStore, type EventStore } from './store.js';

export interface CollectorOptions {
  db: Database;
  /** Page origins allowed to post from a browser; `'*'` for any. Requests without `Origin` are served. */
  corsOrigins: readonly string[];
  /** Largest body, compressed or not, and largest body after gunzip. Default 1 MiB. */
  maxBodyBytes?: number;
  now?: () => number;
  /** Who may read `/v1/events/stats` (given the Authorization header); default anyone. */
  authorizeStats?: (authorization: string | undefined) => boolean;
  /** Called after each stored batch (metrics, tests). */
  onIngest?: (result: IngestResult) => void;
}

export interface IngestResult {
  accepted: number;
  duplicate: number;
  rejected: number;
}

const PATH = '/v1/events';

const fail = (reply: FastifyReply, status: number, code: string, message: string, errors: unknown[] = []) =>
  reply.code(status).send({ accepted: 0, duplicate: 0, rejected: 0, errors, error: { code, message } });

/** A plain (encapsulated) plugin: its body parser and CORS hook apply to these routes only. */
export async function collectorPlugin(app: FastifyInstance, options: CollectorOptions): Promise<void> {
  const store = createEventStore(options.db);
  const now = options.now ?? Date.now;
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const origins = options.corsOrigins;

  // Raw bytes whatever the type: text/plain is what browsers send to stay CORS-simple.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, raw, done) =>
    done(null, raw),
  );

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (!origin) return;
    if (!(origins.includes('*') || origins.includes(origin)))
      return fail(reply, 403, 'origin_not_allowed', `origin ${origin} may not send telemetry here`);
    // Set before any error too: a 413 or 400 without these reads as a network error to fetch().
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    reply.header('access-control-expose-headers', 'Retry-After');
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
    const receivedAt = now();
    let raw = req.body instanceof Buffer ? req.body : Buffer.alloc(0);
    const query = req.query as { enc?: string };
    if (query.enc === 'gzip' || req.headers['content-encoding'] === 'gzip') {
      try {
        raw = gunzipSync(raw, { maxOutputLength: limit });
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
          ? fail(reply, 413, 'too_large', `the body inflates past ${limit} bytes`)
          : fail(reply, 400, 'bad_encoding', 'the body is not valid gzip');
      }
    }
    let input: unknown;
    try {
      input = JSON.parse(raw.toString('utf8'));
    } catch {
      return fail(reply, 400, 'bad_json', 'the body is not valid JSON', [
        { index: -1, path: '', message: 'expected valid JSON' },
      ]);
    }
    const batch = checkBatch(input);
    if (!batch.ok) return fail(reply, 400, 'bad_batch', 'expected { sentAt, events: [...] }', batch.errors);
    // The viewer's clock may be off by hours; sentAt was stamped on that clock just before sending.
    const offset = receivedAt - batch.sentAt;
    const accepted = store.insert(batch.events, offset, receivedAt);
    const result = {
      accepted,
      duplicate: batch.events.length - accepted,
      rejected: new Set(batch.errors.map((e) => e.index)).size,
    };
    options.onIngest?.(result);
    return { ...result, errors: batch.errors };
  });

  // Counts by type for dashboards; the app puts it behind the ops token.
  app.get(`${PATH}/stats`, async (req, reply) => {
    if (options.authorizeStats && !options.authorizeStats(req.headers.authorization))
      return reply
        .code(401)
        .send({ error: { code: 'unauthorized', message: 'a valid ops token is required' } });
    const { room } = req.query as { room?: string };
    return { room: room ?? null, ...store.stats(room || undefined) };
  });
}
