/**
 * Gift ops API under `/v1/rooms/:room/gifts/…`, Bearer ops token on every route (checked in
 * `onRequest`, before the body is read, so a refused request changes nothing):
 * - `PUT  …/gifts/catalog` — replace the room's catalog (validated; 400 names the field)
 * - `GET  …/gifts/ledger?viewer=&signed=` — the last 500 ledger rows, with the viewer's balance
 * - `POST …/gifts/grant` `{viewer, amount, signed?}` — credit a wallet (demos, tests, top-ups)
 */
import { formatIssue, id, parse } from '@onair/core/validation.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GiftService } from './gifts.js';
import { opsGuard } from './ops-auth.js';
import type { OpsResult } from './polls.js';
import type { Room, RoomRegistry } from './rooms.js';

export interface GiftRoutesDeps {
  opsToken: string;
  corsOrigins: readonly string[];
  rooms: RoomRegistry;
  gifts: GiftService;
}

const roomId = id(64);
const viewerId = id(64);

export async function giftRoutes(app: FastifyInstance, deps: GiftRoutesDeps): Promise<void> {
  opsGuard(app, deps);

  const withRoom = async <T>(
    req: FastifyRequest,
    reply: FastifyReply,
    fn: (room: Room) => OpsResult<T> | Promise<OpsResult<T>>,
  ) => {
    const parsed = parse(roomId, (req.params as { room: string }).room);
    if (!parsed.ok)
      return reply.code(400).send({
        error: { code: 'invalid_room', message: `room: ${formatIssue(parsed.issues[0]!)}`, path: 'room' },
      });
    const room = deps.rooms.get(parsed.value);
    try {
      const result = await fn(room);
      if (!result.ok) return reply.code(result.status).send({ error: result.error });
      return reply.send(result.value);
    } finally {
      deps.rooms.release(room);
    }
  };

  app.put('/v1/rooms/:room/gifts/catalog', (req, reply) =>
    withRoom(req, reply, (room) => deps.gifts.putCatalog(room, req.body)),
  );

  app.post('/v1/rooms/:room/gifts/grant', (req, reply) =>
    withRoom(req, reply, (room) => deps.gifts.grant(room, req.body)),
  );

  app.get('/v1/rooms/:room/gifts/ledger', (req, reply) =>
    withRoom(req, reply, (room) => {
      const query = req.query as { viewer?: string; signed?: string };
      if (query.viewer === undefined) return deps.gifts.ledger(room, null, false);
      const viewer = parse(viewerId, query.viewer);
      if (!viewer.ok)
        return {
          ok: false,
          status: 400,
          error: {
            code: 'invalid_query',
            message: `viewer: ${formatIssue(viewer.issues[0]!)}`,
            path: 'viewer',
          },
        };
      return deps.gifts.ledger(room, viewer.value, query.signed === 'true');
    }),
  );
}
