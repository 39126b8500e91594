/**
 * `GET /v1/stats/rooms/:room` (the whole document) and `GET /v1/stats/rooms/:room/<section>.csv`
 * (one section as a download), behind an ops token with `stats:read`. The query is checked here; the figures are
 * computed on the collector's thread. Errors are `{ error: { code, message, path? } }`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clip } from '../../errors.js';
import { type CollectorThread, CollectorUnavailable } from '../thread.js';
import { CSV_SECTIONS, isCsvSection, sectionCsv } from './csv.js';
import { parseStatsQuery } from './query.js';

/** Null to let the request through, else the refusal to answer with (401 or 403). */
export type StatsAuthorizer = (
  authorization: string | undefined,
  scope: string,
  what: string,
) => { status: number; error: { code: string; message: string; scope?: string } } | null;

export interface StatsRouteOptions {
  thread: CollectorThread;
  /** Who may read the stats (given the Authorization header and the scope); default anyone. */
  authorize?: StatsAuthorizer;
  /**
   * Why this server cannot answer (cluster mode: events go to the cluster's stream, which keeps
   * counts only, not the rows the review is computed from); the routes then answer 501 saying so
   * rather than figures computed from an empty file.
   */
  unavailable?: string | null;
}

const error = (reply: FastifyReply, status: number, code: string, message: string, path?: string) =>
  reply.code(status).send({ error: { code, message, ...(path === undefined ? {} : { path }) } });

/** A room id as it may appear in a download's file name. */
const fileSafe = (room: string) => room.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);

export function statsRoutes(app: FastifyInstance, options: StatsRouteOptions): void {
  const answer = async (req: FastifyRequest, reply: FastifyReply, file: string | null) => {
    const refused = options.authorize?.(
      req.headers.authorization,
      'stats:read',
      `GET ${req.routeOptions.url ?? '/v1/stats/rooms/:room'}`,
    );
    if (refused) {
      if (refused.status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(refused.status).send({ error: refused.error });
    }
    if (options.unavailable) return error(reply, 501, 'stats_unavailable', options.unavailable);
    // After the token check: what exists is no one's business without one.
    if (file !== null && !file.endsWith('.csv'))
      return error(reply, 404, 'not_found', `no route ${req.method} ${clip(req.url.split('?')[0] ?? '')}`);
    const csv = file === null ? null : file.slice(0, -'.csv'.length);
    if (csv !== null && !isCsvSection(csv))
      return error(
        reply,
        404,
        'not_found',
        `no stats section "${clip(csv)}"; expected one of ${CSV_SECTIONS.join(', ')}`,
        'section',
      );
    const params = req.params as { room: string };
    const query = parseStatsQuery(params.room, req.query as Record<string, string>);
    if (!query.ok) return error(reply, 400, 'invalid_query', query.message, query.path);
    let outcome: Awaited<ReturnType<CollectorThread['roomStats']>>;
    try {
      outcome = await options.thread.roomStats(query.value);
    } catch (err) {
      if (!(err instanceof CollectorUnavailable)) throw err;
      return error(reply.header('retry-after', '1'), 503, 'collector_unavailable', err.message);
    }
    if (!outcome.ok) return error(reply, 422, outcome.code, outcome.message);
    reply.header('server-timing', `stats;dur=${outcome.tookMs}`);
    if (csv === null) return reply.send(outcome.document);
    const { room, from, to } = query.value;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileSafe(room)}-${csv}-${from}-${to}.csv"`)
      .send(sectionCsv(outcome.document, csv));
  };
  // A browser page (an ops console) sends `Authorization`, so it asks first; the collector's hook
  // has already answered a disallowed Origin with 403 and given an allowed one its CORS headers.
  app.options('/v1/stats/rooms/*', async (_req, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET')
      .header('access-control-allow-headers', 'authorization')
      .header('access-control-max-age', '600')
      .send(),
  );
  app.get('/v1/stats/rooms/:room', (req, reply) => answer(req, reply, null));
  app.get('/v1/stats/rooms/:room/:file', (req, reply) =>
    answer(req, reply, (req.params as { file: string }).file),
  );
}
