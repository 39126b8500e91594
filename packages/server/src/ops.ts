/**
 * Ops API under `/v1/rooms/:room/...`, Bearer ops token on every route. Authentication runs in
 * `onRequest`, before the body is read, so a request without a valid token changes nothing.
 * Errors are `{error: {code, message, path?}}`.
 */

import { formatIssue, id, parse } from '@onair/core/validation.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CrowdManager } from './crowd.js';
import { bearerCheck } from './ops-auth.js';
import type { ApiError, OpsResult, PollService } from './polls.js';
import type { Room, RoomRegistry } from './rooms.js';

export interface OpsDeps {
  opsToken: string;
  corsOrigins: readonly string[];
  rooms: RoomRegistry;
  polls: PollService;
  crowd: CrowdManager;
}

const roomId = id(64);
const BODY_LIMIT = 64 * 1024;

export async function opsRoutes(app: FastifyInstance, deps: OpsDeps): Promise<void> {
  const authorized = bearerCheck(deps.opsToken);

  // Bodies: JSON only; an empty body is "no options" (open/close need none).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_req, body, done) => {
      if (body === '') return done(null, undefined);
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(
          Object.assign(new Error('request body is not valid JSON'), { statusCode: 400, code: 'bad_json' }),
        );
      }
    },
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err }, 'ops request failed');
    const code = ERROR_CODES[err.code] ?? (status === 500 ? 'internal_error' : err.code || 'bad_request');
    return reply
      .code(status)
      .send({ error: { code, message: status === 500 ? 'internal server error' : err.message } });
  });

  app.addHook('onRequest', async (req, reply) => {
    cors(req, reply, deps.corsOrigins);
    if (req.method === 'OPTIONS') return;
    if (!authorized(req.headers.authorization)) {
      reply.header('www-authenticate', 'Bearer');
      return reply
        .code(401)
        .send(error('unauthorized', 'a valid ops token is required: Authorization: Bearer <token>'));
    }
  });

  app.options('/v1/rooms/*', async (_req, reply) => reply.code(204).send());

  /** Resolves `:room`, runs `fn`, and lets go of rooms that a read brought into memory for nothing. */
  const withRoom = async <T>(
    req: FastifyRequest,
    reply: FastifyReply,
    fn: (room: Room) => OpsResult<T> | Promise<OpsResult<T>>,
    okStatus = 200,
  ) => {
    const params = req.params as { room: string };
    const parsed = parse(roomId, params.room);
    if (!parsed.ok)
      return reply.code(400).send(error('invalid_room', `room: ${formatIssue(parsed.issues[0]!)}`, 'room'));
    const room = deps.rooms.get(parsed.value);
    try {
      const result = await fn(room);
      if (!result.ok) return reply.code(result.status).send({ error: result.error });
      return reply.code(okStatus).send(result.value);
    } finally {
      deps.rooms.release(room);
    }
  };

  app.get('/v1/rooms/:room', (req, reply) =>
    withRoom(req, reply, (room) => ({
      ok: true,
      value: {
        room: room.id,
        version: room.version,
        seq: room.seq,
        viewersOnline: room.viewerCount,
        connections: room.clients.size,
        // Ops see the authoritative poll records, answers included.
        state: { ...room.state(), polls: Object.fromEntries(room.polls) },
        crowd: deps.crowd.info(room.id),
      },
    })),
  );

  app.post('/v1/rooms/:room/polls', (req, reply) => {
    const open = (req.query as { open?: string }).open === 'true';
    return withRoom(req, reply, (room) => wrap(deps.polls.create(room, req.body, open)), 201);
  });

  app.post('/v1/rooms/:room/polls/:poll/open', (req, reply) =>
    withRoom(req, reply, (room) => wrap(deps.polls.open(room, pollParam(req), req.body))),
  );

  app.post('/v1/rooms/:room/polls/:poll/close', (req, reply) =>
    withRoom(req, reply, (room) => wrap(deps.polls.close(room, pollParam(req)))),
  );

  app.delete('/v1/rooms/:room/polls/:poll', (req, reply) =>
    withRoom(req, reply, (room) => deps.polls.remove(room, pollParam(req))),
  );

  app.post('/v1/rooms/:room/crowd', (req, reply) =>
    withRoom(req, reply, (room) => deps.crowd.start(room.id, req.body), 202),
  );

  app.delete('/v1/rooms/:room/crowd', (req, reply) =>
    withRoom(req, reply, async (room) => ({ ok: true, value: { stopped: await deps.crowd.stop(room.id) } })),
  );
}

const ERROR_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

function wrap<T>(result: OpsResult<T>): OpsResult<{ poll: T }> {
  return result.ok ? { ok: true, value: { poll: result.value } } : result;
}

function pollParam(req: FastifyRequest): string {
  return (req.params as { poll: string }).poll;
}

function error(code: string, message: string, path?: string): { error: ApiError } {
  return { error: path ? { code, message, path } : { code, message } };
}

/** Bearer-token API, no cookies: CORS only decides which pages may call it from a browser. */
export function cors(req: FastifyRequest, reply: FastifyReply, origins: readonly string[]): void {
  const origin = req.headers.origin;
  if (!origin || !(origins.includes('*') || origins.includes(origin))) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  if (req.method === 'OPTIONS') {
    reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
    reply.header('access-control-allow-headers', 'authorization, content-type');
    reply.header('access-control-max-age', '600');
  }
}
