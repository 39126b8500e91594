/**
 * What ops configure for a lucky draw and what viewers send, with a limit on everything: prize text
 * and quantity, conditions, countdown, rules, draws per room, entrants per draw.
 */
import { bool, httpUrl, id, int, list, oneOf, strict, text } from '@onair/core/validation.js';
import * as v from 'valibot';
import { DRAW_LIMITS } from './draw-limits.js';

export { DRAW_LIMITS };

export const CONDITION_TYPES = ['join', 'poll', 'quiz', 'survey', 'chat', 'follow'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export const conditionSchema = v.variant(
  'type',
  [
    strict({ type: v.literal('join') }),
    strict({ type: v.literal('poll'), poll: id(64) }),
    strict({ type: v.literal('quiz'), quiz: id(64) }),
    strict({ type: v.literal('survey'), survey: id(64) }),
    strict({ type: v.literal('chat'), keyword: text(1, DRAW_LIMITS.keyword) }),
    strict({ type: v.literal('follow') }),
  ],
  `oneOf|${CONDITION_TYPES.join(', ')}`,
);
export type DrawCondition = v.InferOutput<typeof conditionSchema>;

export const drawConfigSchema = strict({
  id: id(64),
  prize: strict({
    name: text(1, DRAW_LIMITS.prizeName),
    image: v.optional(httpUrl()),
    quantity: int(DRAW_LIMITS.quantity.min, DRAW_LIMITS.quantity.max),
  }),
  conditions: v.optional(list(conditionSchema, 1, DRAW_LIMITS.conditions), [{ type: 'join' as const }]),
  /** The countdown from creation, ms; or `closesAt`, when entries close (epoch ms). One of the two. */
  durationMs: v.optional(int(DRAW_LIMITS.durationMs.min, DRAW_LIMITS.durationMs.max)),
  closesAt: v.optional(int(0, 8_640_000_000_000_000)),
  rules: v.optional(
    strict({
      /** At most this many wins per viewer in this room in 30 days; none when left out. */
      maxWins: v.optional(int(1, DRAW_LIMITS.maxWins)),
      /** Viewers without a win in 30 days are drawn first. */
      recentFirst: v.optional(bool(), false),
    }),
    { recentFirst: false },
  ),
});
export type DrawConfig = v.InferOutput<typeof drawConfigSchema>;

export const drawRefSchema = strict({ draw: id(64) });

export const LIST_NAMES = ['tier0', 'tier1', 'excluded', 'winners'] as const;
export type ListName = (typeof LIST_NAMES)[number];

export const listPayloadSchema = strict({
  draw: id(64),
  list: oneOf(LIST_NAMES),
  chunk: int(0, 10_000),
});

/** The viewer the host reports about: an id, signed by the host (default) or anonymous. */
const reported = {
  viewer: id(64),
  signed: v.optional(bool(), true),
};

export const CHAT_LIMITS = { text: 500, kept: 20 } as const;

/** `POST /v1/rooms/:room/chat`: a chat message the host's chat saw. */
export const chatSchema = strict({
  ...reported,
  text: text(1, CHAT_LIMITS.text),
  /** When it was said, epoch ms (default: now; never later than now). */
  at: v.optional(int(0, 8_640_000_000_000_000)),
});

/** `POST /v1/rooms/:room/follows`: the viewer follows the streamer. */
export const followSchema = strict({ ...reported, at: v.optional(int(0, 8_640_000_000_000_000)) });
