/**
 * Reading the room's `products` and `pins` collections, shared by the card and the shelf stores:
 * what a product looks like to a viewer right now (sold out, low stock, discount, flash sale).
 */
import type { Channel } from '@onair/core/element.js';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { PinsRecord, ProductRecord } from '../model/product.js';
import { isSoldOut, PINS_ID } from '../model/status.js';

/** At or below this many units left, the card says "only N left". */
export const LOW_STOCK = 10;

/** The host's "Added to cart" shows this long, then clears itself (an error stays until acted on). */
export const STATUS_MS = 3000;

export interface ProductFacts {
  soldOut: boolean;
  lowStock: boolean;
  /** Whole percent off the original price, or null without a (higher) original price. */
  discountPercent: number | null;
  /** Flash sale time left (ms), or null when none is running. */
  flashRemainingMs: number | null;
}

export function productFacts(product: ProductRecord, now: number): ProductFacts {
  const soldOut = isSoldOut(product);
  const original = product.originalPrice;
  const discountPercent =
    original && original.amount > product.price.amount && original.currency === product.price.currency
      ? Math.round((1 - product.price.amount / original.amount) * 100)
      : null;
  const endsAt = product.flashSale?.endsAt;
  return {
    soldOut,
    lowStock: !soldOut && product.stock !== null && product.stock <= LOW_STOCK,
    discountPercent: discountPercent || null,
    flashRemainingMs: endsAt !== undefined && endsAt > now && !soldOut ? endsAt - now : null,
  };
}

export function pinsOf(collection: Readonly<Record<string, PinsRecord>>): PinsRecord {
  return collection[PINS_ID] ?? { productIds: [], since: {} };
}

/**
 * Server time, ticking once a second only while a listener is there and `running()` says a
 * countdown is on screen: a card without a flash sale never re-renders on a timer.
 */
export function clockStore(channel: Channel, running: () => boolean): ReadableAtom<number> {
  const $now = atom(channel.serverNow());
  onMount($now, () => {
    const timer = setInterval(() => {
      if (running()) $now.set(channel.serverNow());
    }, 1000);
    return () => clearInterval(timer);
  });
  return $now;
}

export function productsStore(channel: Channel): ReadableAtom<Readonly<Record<string, ProductRecord>>> {
  return channel.collection<ProductRecord>('products');
}

export function pinsStore(channel: Channel): ReadableAtom<Readonly<Record<string, PinsRecord>>> {
  return channel.collection<PinsRecord>('pins');
}
