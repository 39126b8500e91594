/**
 * The simulated crowd's gifts: when the room has an open catalog, a few crowd viewers send gifts
 * through the public protocol, often as combos (the same gift again within a second or two), at a
 * modest rate so the demo's feed moves without draining the crowd's wallets at once.
 */
import type { Change } from '@onair/core/protocol.js';
import type { CatalogRecord } from '@onair/gifts/model.js';

/** Gifts per second per room, whatever the crowd size. */
export const CROWD_GIFTS_PER_SECOND = 2;
const NAMES = ['Mia', 'Leo', '小雨', 'Kai', '阿杰', 'Noor', 'Sam', '琳琳', 'Ivy', 'Omar', '大海', 'Zoe'];

interface Combo {
  viewer: number;
  gift: string;
  price: number;
  id: string;
  left: number;
}

/** What a crowd viewer sent, for its page's telemetry. */
export interface SentGift {
  gift: string;
  quantity: number;
  value: number;
  comboId: string;
}

export class CrowdGifts {
  private catalog: CatalogRecord | null = null;
  private budget = 0;
  private combo: Combo | null = null;
  private serial = 0;
  private readonly tag: string;

  constructor(tag: string) {
    this.tag = tag;
  }

  /**
   * Follows the `gifts/catalog` record from a snapshot's state (or one part of it: a part without
   * the record leaves it as it is) or a delta's changes.
   */
  follow(state: Record<string, Record<string, unknown>> | null, changes: Change[] = []): void {
    const gifts = state?.['gifts'];
    if (gifts && Object.hasOwn(gifts, 'catalog')) this.catalog = gifts['catalog'] as CatalogRecord;
    for (const change of changes)
      if (change.coll === 'gifts' && change.id === 'catalog')
        this.catalog = (change.value as CatalogRecord | null) ?? null;
  }

  /** Forgets the catalog: a new snapshot is coming. */
  reset(): void {
    this.catalog = null;
  }

  /** Sends this tick's gifts; `send(index, frame)` sends as crowd viewer `index`. */
  tick(
    tickMs: number,
    viewers: number,
    send: (index: number, frame: string, sent: SentGift) => boolean,
  ): void {
    const catalog = this.catalog;
    if (!catalog?.open || viewers === 0) {
      this.budget = 0;
      return;
    }
    this.budget = Math.min(this.budget + (CROWD_GIFTS_PER_SECOND * tickMs) / 1000, CROWD_GIFTS_PER_SECOND);
    while (this.budget >= 1) {
      this.budget -= 1;
      const combo = this.next(catalog, viewers);
      this.serial += 1;
      const payload = {
        gift: combo.gift,
        quantity: 1,
        comboId: combo.id,
        name: crowdName(combo.viewer),
      };
      const key = `crowd-gift-${this.tag}-${this.serial}`;
      send(combo.viewer, JSON.stringify({ t: 'action', key, name: 'gift.send', payload }), {
        gift: combo.gift,
        quantity: 1,
        value: combo.price,
        comboId: combo.id,
      });
    }
  }

  /** Continues the running combo, or starts one: mostly cheap gifts, now and then a big one. */
  private next(catalog: CatalogRecord, viewers: number): Combo {
    if (this.combo && this.combo.left > 0) {
      this.combo.left -= 1;
      return this.combo;
    }
    const gifts = catalog.categories.flatMap((category) => category.gifts).sort((a, b) => a.price - b.price);
    const cheap = Math.random() < 0.9;
    const pool = cheap ? gifts.slice(0, Math.max(1, Math.ceil(gifts.length / 2))) : gifts;
    const gift = pool[Math.floor(Math.random() * pool.length)]!;
    this.combo = {
      viewer: Math.floor(Math.random() * viewers),
      gift: gift.id,
      price: gift.price,
      id: `crowd-${this.tag}-${this.serial}`,
      left: Math.floor(Math.random() * 6),
    };
    return this.combo;
  }
}

/** Each crowd viewer's own display name (Mia, Leo, …, then Mia 2, …): the top senders never repeat one. */
export function crowdName(viewer: number): string {
  const round = Math.floor(viewer / NAMES.length);
  return `${NAMES[viewer % NAMES.length]}${round ? ` ${round + 1}` : ''}`;
}
