/**
 * Static embeds (`config` instead of a room): a private in-page memory room serves the poll, so a
 * static poll behaves exactly like a live one.
 */
import { createChannel, createMemoryRoom } from '@onair/core/channel.js';
import type { PrivateRoom } from '@onair/core/element.js';
import type { ValidationIssue } from '@onair/core/validation.js';

export { describe } from '@onair/core/validation.js';

import { servePolls } from '../model/memory.js';
import { validatePollConfig } from '../model/validate.js';

export type StaticPoll = { ok: true; room: PrivateRoom } | { ok: false; issues: ValidationIssue[] };

export function staticPoll(config: unknown): StaticPoll {
  const valid = validatePollConfig(config);
  if (!valid.ok) return valid;
  const room = createMemoryRoom({ room: `local-${valid.value.id}` });
  servePolls(room).open(valid.value);
  return {
    ok: true,
    room: {
      connect: (viewer) =>
        createChannel({ room: room.room, transport: room.transport(), ...(viewer ? { viewer } : {}) }),
    },
  };
}
