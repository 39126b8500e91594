/**
 * The gift feed's state: turns the room's `gifts/feed` record (the last 50 events, replaced whole
 * at ≤ 10/s) into a short lane of items, merging each combo into one item whose counter grows.
 *
 * Bursts: events are diffed by id as records arrive, the lane is bounded (`max` items, oldest out),
 * and the view is published at most once per animation frame, so 500 gifts a second cost one
 * render per frame over a handful of nodes.
 */
import type { Channel } from '@onair/core/element.js';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { GiftEvent, GiftSender, GiftsRecord, StatsRecord } from '../model/gifts.js';
import { feedReader, giftShown } from './feed-events.js';

export interface FeedItem {
  /** Sender and combo: every send of one combo lands on the same item. */
  key: string;
  sender: GiftSender;
  gift: string;
  name: string;
  icon: string;
  quantity: number;
  /** The combo counter (×N): the highest count seen for this combo. */
  count: number;
  /** The largest single send's value in this combo, minor units. */
  value: number;
  big: boolean;
  /** Changes whenever the counter grows, so the element can replay the counter's pop. */
  bump: number;
  updatedAt: number;
}

export interface FeedView {
  items: FeedItem[];
  stats: StatsRecord | null;
  /** The newest big gift, for the live region. */
  lastBig: FeedItem | null;
  /** Distinct events taken in since the store started. */
  events: number;
}

export interface FeedOptions {
  /** Items on screen at most. */
  max: number;
  /** An item leaves this long after its last send, ms. */
  lingerMs: number;
  /** A send worth at least this much (minor units) is a big gift. */
  bigAbove: number;
  /** Schedules a publish; defaults to requestAnimationFrame. */
  schedule?: (fn: () => void) => void;
  now?: () => number;
}

export interface FeedStore {
  $view: ReadableAtom<FeedView>;
  options(next: FeedOptions): void;
}

export function createFeedStore(channel: Channel, initial: FeedOptions): FeedStore {
  let options = initial;
  const schedule =
    options.schedule ??
    ((fn: () => void) =>
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 16));
  const now = options.now ?? (() => channel.serverNow());
  const $view = atom<FeedView>({ items: [], stats: null, lastBig: null, events: 0 });

  let items: FeedItem[] = [];
  let stats: StatsRecord | null = null;
  let lastBig: FeedItem | null = null;
  let events = 0;
  let scheduled = false;
  const read = feedReader(now, () => options.lingerMs);
  let expiry: ReturnType<typeof setTimeout> | undefined;
  let bumps = 0;

  let mounted = false;
  const publish = () => {
    scheduled = false;
    if (!mounted) return;
    $view.set({ items: items.slice(), stats, lastBig, events });
    armExpiry();
  };
  const request = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(publish);
  };

  const take = (event: GiftEvent) => {
    events += 1;
    const shown = giftShown(event);
    const key = shown.key;
    const big = event.value >= options.bigAbove;
    const at = now();
    const index = items.findIndex((item) => item.key === key);
    const prior = index >= 0 ? items[index]! : null;
    const item: FeedItem = {
      ...shown,
      count: Math.max(prior?.count ?? 0, event.comboCount),
      value: Math.max(prior?.value ?? 0, event.value),
      big: big || (prior?.big ?? false),
      bump: ++bumps,
      updatedAt: at,
    };
    if (prior) items[index] = item;
    else {
      items.push(item);
      // Bounded: the item that has waited longest since its last send leaves first.
      while (items.length > options.max) {
        let oldest = 0;
        for (let i = 1; i < items.length; i++) if (items[i]!.updatedAt < items[oldest]!.updatedAt) oldest = i;
        items.splice(oldest, 1);
      }
    }
    if (big) lastBig = item;
  };

  const onRecords = (records: Readonly<Record<string, GiftsRecord>>) => {
    const record = records['stats'];
    stats = record?.id === 'stats' ? record : null;
    const feed = records['feed'];
    for (const event of read(feed?.id === 'feed' ? feed : undefined)) take(event);
    request();
  };

  /** One timer for the next item to leave, only while someone watches. */
  function armExpiry(): void {
    clearTimeout(expiry);
    if (items.length === 0) return;
    const next = Math.min(...items.map((item) => item.updatedAt)) + options.lingerMs;
    expiry = setTimeout(
      () => {
        const at = now();
        const kept = items.filter((item) => item.updatedAt + options.lingerMs > at);
        if (kept.length !== items.length) {
          items = kept;
          request();
        } else armExpiry();
      },
      Math.max(16, next - now()),
    );
  }

  onMount($view, () => {
    mounted = true;
    const unsubscribe = channel.collection<GiftsRecord>('gifts').subscribe(onRecords);
    return () => {
      mounted = false;
      unsubscribe();
      clearTimeout(expiry);
    };
  });

  return {
    $view,
    options(next) {
      options = { ...options, ...next, schedule: options.schedule, now: options.now };
    },
  };
}
