/**
 * Static embeds (`config` instead of a room): a private in-page room runs the surveys feature, so a
 * static survey follows exactly the rules of a live one. Loaded on demand.
 */
import type { PrivateRoom, ValidationIssue } from '@onair/core/element.js';
import { createLocalRoom } from '@onair/core/local-room.js';
import { surveysFeature } from '../model/feature.js';
import { surveyIssue } from '../model/issues.js';
import { validateSurvey } from '../model/validate.js';

export { surveyIssue as describe };

export type StaticSurvey = { ok: true; room: PrivateRoom } | { ok: false; issues: ValidationIssue[] };

export function staticSurvey(config: unknown): StaticSurvey {
  const valid = validateSurvey(config);
  if (!valid.ok) return valid;
  const room = createLocalRoom({ features: [surveysFeature] });
  const created = room.command('survey.create', { survey: valid.value, open: true });
  // The one rule the document itself cannot check: the survey as sent must fit one record.
  if (!created.ok) return { ok: false, issues: [{ path: '', key: created.error.message }] };
  return { ok: true, room };
}
