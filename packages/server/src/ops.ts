/**
 * Ops API under `/v1/rooms/:room/...`, Bearer ops token on every route. Authentication runs in
 * `onRequest`, before the body is read, so a request without a valid token changes nothing.
 * Errors are `{error: {code, message, path?}}`.
 */

import { formatIssue, id, parse } from '@onair/core/validation.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CrowdManager } from './crowd.js';
import { opsGuard } from './ops-auth.js';
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

export async function opsRoutes(app: FastifyInstance, deps: OpsDeps): Promise<void> {
  opsGuard(app, deps);

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

function wrap<T>(result: OpsResult<T>): OpsResult<{ poll: T }> {
  return result.ok ? { ok: true, value: { poll: result.value } } : result;
}

function pollParam(req: FastifyRequest): string {
  return (req.params as { poll: string }).poll;
}

function error(code: string, message: string, path?: string): { error: ApiError } {
  return { error: path ? { code, message, path } : { code, message } };
}
