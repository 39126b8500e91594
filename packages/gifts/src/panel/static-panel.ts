/**
 * Static embeds (`config` instead of a room): a private in-page memory room serves the catalog
 * and a wallet with the given starting balance, so a static panel follows the live rules (debit,
 * refusals, combos). Loaded on demand.
 */
import { createChannel, createMemoryRoom } from '@onair/core/channel.js';
import type { PrivateRoom } from '@onair/core/element.js';
import type { ValidationIssue } from '@onair/core/validation.js';

export { describe } from '@onair/core/validation.js';

import { validateCatalog } from '../model/gifts.js';
import { serveGifts } from '../model/memory.js';

export type StaticPanel = { ok: true; room: PrivateRoom } | { ok: false; issues: ValidationIssue[] };

let serial = 0;

export function staticPanel(config: unknown, startingBalance: number): StaticPanel {
  const valid = validateCatalog(config);
  if (!valid.ok) return valid;
  const room = createMemoryRoom({ room: `local-gifts-${++serial}` });
  serveGifts(room, { catalog: valid.value, startingBalance });
  return {
    ok: true,
    room: {
      connect: (viewer) =>
        createChannel({ room: room.room, transport: room.transport(), ...(viewer ? { viewer } : {}) }),
    },
  };
}
