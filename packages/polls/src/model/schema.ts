import { bool, id, int, list, oneOf, strict, text, unique } from '@onair/core/validation.js';
import * as v from 'valibot';

export const POLL_KINDS = ['single', 'multiple', 'rating'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

export const RESULT_VISIBILITY = ['always', 'after-vote', 'after-close'] as const;
export type ResultVisibility = (typeof RESULT_VISIBILITY)[number];

export const RATING_SCALES = ['1-5', '0-10'] as const;
export type RatingScale = (typeof RATING_SCALES)[number];

export const QUESTION_MAX = 120;
export const OPTION_MAX = 40;

export const optionSchema = strict({ id: id(32), label: text(1, OPTION_MAX) });

/**
 * What ops (or a static embed) configure. Rating polls take a `scale` instead of `options`;
 * cross-field rules (max selections ≤ options, quiz answers among the options) are checked in
 * `validatePollConfig`, where the paths can name the field at fault.
 */
export const pollConfigSchema = strict({
  id: id(64),
  kind: v.optional(oneOf(POLL_KINDS), 'single'),
  question: text(1, QUESTION_MAX),
  options: v.optional(v.pipe(list(optionSchema, 2, 10))),
  scale: v.optional(oneOf(RATING_SCALES), '1-5'),
  maxSelections: v.optional(int(1, 10)),
  /** Quiz mode: the ids of the correct options, revealed when the poll closes. */
  correct: v.optional(v.pipe(list(id(32), 1, 10), unique<string>())),
  results: v.optional(oneOf(RESULT_VISIBILITY), 'always'),
  allowChange: v.optional(bool(), false),
  /** Votes one viewer may cast (paid/extra votes policy); each adds to the tally. */
  votesPerViewer: v.optional(int(1, 100), 1),
  /** Open for this long once opened (ms, 5 s – 24 h); omitted means until closed by ops. */
  durationMs: v.optional(int(5_000, 86_400_000)),
});

export type PollConfigInput = v.InferInput<typeof pollConfigSchema>;
export type PollConfig = v.InferOutput<typeof pollConfigSchema>;

export const votePayloadSchema = strict({
  poll: id(64),
  choice: v.pipe(list(id(32), 1, 11), unique<string>()),
});
export type VotePayload = v.InferOutput<typeof votePayloadSchema>;
