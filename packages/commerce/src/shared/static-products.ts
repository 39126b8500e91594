/**
 * Static embeds (`config` instead of a room): a private in-page room runs the products feature, so
 * a static card or shelf behaves exactly like a live one. Loaded on demand — live embeds never
 * download the validator, the in-page room or the rules.
 */
import type { PrivateRoom } from '@onair/core/element.js';
import { createLocalRoom } from '@onair/core/local-room.js';
import type { ValidationIssue } from '@onair/core/validation.js';

export { describe } from '@onair/core/validation.js';

import { productsFeature } from '../model/feature.js';
import type { ProductConfig } from '../model/schema.js';
import { validateProduct, validateShelfConfig } from '../model/validate.js';

export type StaticProducts =
  | { ok: true; room: PrivateRoom; id: string }
  | { ok: false; issues: ValidationIssue[] };

function serve(products: ProductConfig[], pinned: string[], id: string): StaticProducts {
  const room = createLocalRoom({ features: [productsFeature] });
  for (const config of products) room.command('product.put', { product: config.id, config });
  for (const product of pinned) room.command('product.pin', { product });
  return { ok: true, id, room };
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
