/**
 * The ops routes that belong to no feature: the room as ops see it and the simulated crowd (the
 * features' own routes are derived in `feature-routes.ts`). An ops token with `rooms:read` (GET) or
 * `rooms:write` on every route, checked in `onRequest` before the body is read. Errors are `{error: {code, message, path?}}`.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CrowdManager } from './crowd.js';
import { opsGuard } from './ops-auth.js';
import { withOpsRoom } from './ops-room.js';
import type { HostedRoom, RoomHost } from './room-host.js';

export interface ApiError {
  code: string;
  message: string;
  path?: string;
}

export type OpsResult<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError };

export interface OpsDeps {
  opsToken: string;
  corsOrigins: readonly string[];
  rooms: RoomHost;
  crowd: CrowdManager;
}

export async function opsRoutes(app: FastifyInstance, deps: OpsDeps): Promise<void> {
  opsGuard(app, { ...deps, scope: 'rooms' });

  app.options('/v1/rooms/*', async (_req, reply) => reply.code(204).send());

  /** Resolves `:room`, runs `fn`, and lets go of rooms that a read brought into memory for nothing. */
  const withRoom = async <T>(
    req: FastifyRequest,
    reply: FastifyReply,
    fn: (room: HostedRoom) => OpsResult<T> | Promise<OpsResult<T>>,
    okStatus = 200,
  ) => {
    return withOpsRoom(deps.rooms, (req.params as { room: string }).room, reply, async (room) => {
      const result = await fn(room);
      if (!result.ok) return reply.code(result.status).send({ error: result.error });
      return reply.code(okStatus).send(result.value);
    });
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
        // Ops see the authoritative records: quiz answers, tallies hidden from viewers.
        state: room.engine.opsState(),
        crowd: deps.crowd.info(room.id),
      },
    })),
  );

  app.post('/v1/rooms/:room/crowd', (req, reply) =>
    withRoom(req, reply, (room) => deps.crowd.start(room.id, req.body), 202),
  );

  app.delete('/v1/rooms/:room/crowd', (req, reply) =>
    withRoom(req, reply, async (room) => ({ ok: true, value: { stopped: await deps.crowd.stop(room.id) } })),
  );
}
