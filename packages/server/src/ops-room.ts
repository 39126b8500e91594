/**
 * The room an ops request names in its URL (`/v1/rooms/:room/…`), for every ops route: a bad id is
 * 400 `invalid_room`; a server holding all the rooms it may is 503 `too_many_rooms` with
 * `Retry-After`; a room the request brought into memory for nothing is let go afterwards.
 */
import { formatIssue, id, parse } from '@onair/core/validation.js';
import type { FastifyReply } from 'fastify';
import type { HostedRoom, RoomHost } from './room-host.js';
import { RoomsFull } from './rooms.js';

const roomId = id(64);

export async function withOpsRoom(
  rooms: RoomHost,
  raw: string | undefined,
  reply: FastifyReply,
  fn: (room: HostedRoom) => unknown,
): Promise<unknown> {
  const parsed = parse(roomId, raw);
  if (!parsed.ok)
    return reply.code(400).send({
      error: {
        code: 'invalid_room',
        message: `room: ${formatIssue({ ...parsed.issues[0]!, path: '' })}`,
        path: 'room',
      },
    });
  let room: HostedRoom;
  try {
    room = rooms.get(parsed.value);
  } catch (error) {
    if (!(error instanceof RoomsFull)) throw error;
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ error: { code: 'too_many_rooms', message: error.message } });
  }
  try {
    await room.ready?.();
    return await fn(room);
  } finally {
    rooms.release(room);
  }
}
