/**
 * Participants: distinct viewers with at least one interaction — a vote, a survey answer or
 * submit, a quiz answer, a draw entry, a packet grab, a gift, a product click, an add to cart or a
 * chat message.
 */
import { minuteOf, type Section, ViewerSet } from './event.js';

export const INTERACTIONS = [
  'poll.vote',
  'survey.answer',
  'survey.submit',
  'game.answer',
  'draw.enter',
  'packet.grab',
  'gift.send',
  'product.click',
  'product.add_to_cart',
  'chat.message',
] as const;

export interface ParticipationMinute {
  minute: number;
  /** Distinct viewers with any event that minute (the presence rollup; unweighted). */
  viewers: number;
  /** Distinct viewers with an interaction that minute, weighted as the total. */
  participants: number;
}

/** The range's participants, and per epoch minute with an interaction, that minute's. */
export function participation(): Section<ViewerSet> & {
  minutes(concurrent: (minute: number) => number): ParticipationMinute[];
} {
  const participants = new ViewerSet();
  const perMinute = new Map<number, ViewerSet>();
  return {
    types: INTERACTIONS,
    add: (e) => {
      participants.add(e.viewer, e.rate);
      const minute = minuteOf(e.ts);
      const set = perMinute.get(minute) ?? new ViewerSet();
      perMinute.set(minute, set);
      set.add(e.viewer, e.rate);
    },
    result: () => participants,
    minutes: (concurrent) =>
      [...perMinute]
        .sort(([a], [b]) => a - b)
        .map(([minute, set]) => ({ minute, viewers: concurrent(minute), participants: round4(set.count) })),
  };
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
