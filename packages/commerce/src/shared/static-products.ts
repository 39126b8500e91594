/**
 * Static embeds (`config` instead of a room): a private in-page memory room serves the products,
 * so a static card or shelf behaves exactly like a live one. Loaded on demand — live embeds never
 * download the validator, the memory room or the rules.
 */
import { createChannel, createMemoryRoom } from '@onair/core/channel.js';
import type { PrivateRoom } from '@onair/core/element.js';
import type { ValidationIssue } from '@onair/core/validation.js';

export { describe } from '@onair/core/validation.js';

import { serveProducts } from '../model/memory.js';
import { validateProduct, validateShelfConfig } from '../model/validate.js';

export type StaticProducts =
  | { ok: true; room: PrivateRoom; id: string }
  | { ok: false; issues: ValidationIssue[] };

let rooms = 0;

function serve(products: unknown[], pinned: string[], id: string): StaticProducts {
  const room = createMemoryRoom({ room: `local-products-${++rooms}` });
  serveProducts(room, { products, pinned });
  const connect = (viewer?: string) =>
    createChannel({ room: room.room, transport: room.transport(), ...(viewer ? { viewer } : {}) });
  return { ok: true, id, room: { connect } };
}

/** One product, for a static card. */
export function staticProduct(config: unknown): StaticProducts {
  const valid = validateProduct(config);
  return valid.ok ? serve([valid.value], [], valid.value.id) : valid;
}

/** `{ products, pinned }`, for a static shelf. */
export function staticShelf(config: unknown): StaticProducts {
  const valid = validateShelfConfig(config);
  return valid.ok ? serve(valid.value.products, valid.value.pinned, '') : valid;
}
