/**
 * Static embeds (`config` instead of a room): a private in-page room runs the polls feature, so a
 * static poll follows exactly the rules of a live one. Loaded on demand.
 */
import type { PrivateRoom } from '@onair/core/element.js';
import { createLocalRoom } from '@onair/core/local-room.js';
import type { ValidationIssue } from '@onair/core/validation.js';

export { describe } from '@onair/core/validation.js';

import { pollsFeature } from '../model/feature.js';
import { validatePollConfig } from '../model/validate.js';

export type StaticPoll = { ok: true; room: PrivateRoom } | { ok: false; issues: ValidationIssue[] };

export function staticPoll(config: unknown): StaticPoll {
  const valid = validatePollConfig(config);
  if (!valid.ok) return valid;
  const room = createLocalRoom({ features: [pollsFeature] });
  room.command('poll.create', { poll: valid.value, open: true });
  return { ok: true, room };
}
