/**
 * Participants: distinct viewers with at least one interaction — a vote, a survey answer or
 * submit, a quiz answer, a draw entry, a packet grab, a gift, a product click, an add to cart or a
 * chat message.
 */
import { type Section, ViewerSet } from './event.js';

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

export function participation(): Section<ViewerSet> {
  const participants = new ViewerSet();
  return {
    types: INTERACTIONS,
    add: (e) => participants.add(e.viewer, e.rate),
    result: () => participants,
  };
}
