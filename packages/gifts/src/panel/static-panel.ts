/**
 * Static embeds (`config` instead of a room): a private in-page room runs the gifts feature with
 * the catalog and a wallet of the given starting balance, so a static panel follows the live rules
 * (debit, refusals, combos). Loaded on demand.
 */
import type { PrivateRoom } from '@onair/core/element.js';
import { createLocalRoom } from '@onair/core/local-room.js';
import type { ValidationIssue } from '@onair/core/validation.js';

export { describe } from '@onair/core/validation.js';

import { giftsFeature } from '../model/feature.js';
import { validateCatalog } from '../model/gifts.js';

export type StaticPanel = { ok: true; room: PrivateRoom } | { ok: false; issues: ValidationIssue[] };

export function staticPanel(config: unknown, startingBalance: number): StaticPanel {
  const valid = validateCatalog(config);
  if (!valid.ok) return valid;
  const room = createLocalRoom({ features: [giftsFeature({ startingBalance })] });
  room.command('gift.catalog', { catalog: valid.value });
  return { ok: true, room };
}
