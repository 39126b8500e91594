/**
 * New gifts in the room's `gifts/feed` record (the last 50 events, replaced whole at ≤ 10/s):
 * events are told apart by id, and a late joiner gets only what is still recent, not the backlog.
 * Shared by the feed's lane and the big-gift effect layer.
 */
import type { FeedRecord, GiftEvent } from '../model/gifts.js';

/** Event ids remembered to tell new events from ones already seen; a few records' worth. */
const SEEN_MAX = 400;

/** Returns a reader: give it each `feed` record as it arrives, get back the events not seen yet. */
export function feedReader(
  now: () => number,
  recentMs: () => number,
): (feed: FeedRecord | undefined) => GiftEvent[] {
  const seen = new Set<string>();
  let first = true;
  let last: FeedRecord | undefined | null = null;
  return (feed) => {
    if (feed === last) return [];
    last = feed;
    const cutoff = now() - recentMs();
    const fresh: GiftEvent[] = [];
    for (const event of feed?.events ?? []) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      if (!first || event.at >= cutoff) fresh.push(event);
    }
    first = false;
    if (seen.size > SEEN_MAX) {
      let extra = seen.size - SEEN_MAX;
      for (const id of seen) {
        if (extra-- <= 0) break;
        seen.delete(id);
      }
    }
    return fresh;
  };
}

/** What a feed item or an effect shows of a gift: one per combo (`key`), its sender and gift. */
export function giftShown(event: GiftEvent) {
  return {
    key: comboKey(event),
    sender: event.sender,
    gift: event.gift,
    name: event.name,
    icon: event.icon,
    quantity: event.quantity,
  };
}

/** Every send of one combo by one sender shares this key. */
export function comboKey(event: GiftEvent): string {
  return `${event.sender.id}\n${event.comboId}`;
}
