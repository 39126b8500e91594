/**
 * The big-gift effect queue: gifts worth at least `above` become effects, played one at a time so
 * two never overlap. A combo that goes on while its effect waits or plays raises that effect's
 * count instead of queueing another; past `maxQueue` waiting effects, new ones are dropped (at
 * 500 gifts a second a stage cannot show them all, and a backlog would lag the room).
 */
import type { Channel } from '@onair/core/element.js';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { comboKey, feedReader, giftShown } from '../feed/feed-events.js';
import type { FeedItem } from '../feed/feed-store.js';
import type { FeedRecord, GiftEvent } from '../model/gifts.js';

/** One effect per combo (`key`: sender and combo); `count` is its ×N, `value` one send's worth. */
export type GiftEffect = Pick<
  FeedItem,
  'key' | 'sender' | 'gift' | 'name' | 'icon' | 'quantity' | 'count' | 'value'
>;

export interface EffectsOptions {
  /** A send worth at least this (minor units) plays an effect. */
  above: number;
  /** Effects waiting at most; more are dropped. */
  maxQueue: number;
}

export interface EffectsStore {
  /** The effect playing now, or null. */
  $current: ReadableAtom<GiftEffect | null>;
  /** The current effect finished (or was cut short): the next one plays. */
  done(): void;
  /** Effects waiting to play. */
  waiting(): number;
  /** Effects dropped because the queue was full. */
  dropped(): number;
  options(next: EffectsOptions): void;
}

/** Gifts older than this when the viewer arrives are not replayed. */
const RECENT_MS = 2000;

export function createEffectsStore(channel: Channel, initial: EffectsOptions): EffectsStore {
  let options = initial;
  const $current = atom<GiftEffect | null>(null);
  const queue: GiftEffect[] = [];
  let dropped = 0;
  const read = feedReader(
    () => channel.serverNow(),
    () => RECENT_MS,
  );

  const take = (event: GiftEvent) => {
    if (event.value < options.above) return;
    const key = comboKey(event);
    const current = $current.get();
    if (current?.key === key) {
      $current.set({ ...current, count: Math.max(current.count, event.comboCount) });
      return;
    }
    const waiting = queue.find((effect) => effect.key === key);
    if (waiting) {
      waiting.count = Math.max(waiting.count, event.comboCount);
      return;
    }
    const effect: GiftEffect = {
      ...giftShown(event),
      count: event.comboCount,
      value: event.value,
    };
    if (!current) $current.set(effect);
    else if (queue.length < options.maxQueue) queue.push(effect);
    else dropped += 1;
  };

  onMount($current, () =>
    channel.collection('gifts').subscribe((records) => {
      for (const event of read(records['feed'] as FeedRecord | undefined)) take(event);
    }),
  );

  return {
    $current,
    done: () => $current.set(queue.shift() ?? null),
    waiting: () => queue.length,
    dropped: () => dropped,
    options(next) {
      options = next;
    },
  };
}
