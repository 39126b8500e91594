/**
 * The commerce rules: what a product record looks like on the wire, how a live change applies to
 * it, and how pins work. Pure functions over plain records; `feature.ts` wires them into the live
 * feature both hosts run.
 */
import type { ProductConfig, ProductPatch } from './schema.js';
import { isSoldOut, PINS_ID } from './status.js';

export { isSoldOut, PINS_ID };

/** Pins shown at once: the "now explaining" (讲解中) slots. Kept here, not in schema.ts, so the
 * widgets can read the rules without bundling the validator. */
export const MAX_PINS = 3;

export interface Money {
  amount: number;
  currency: string;
}

/** A product as viewers receive it (the `products` collection). */
export interface ProductRecord {
  id: string;
  title: string;
  image: string | null;
  description: string | null;
  tags: string[];
  price: Money;
  originalPrice: Money | null;
  /** Units left, or null when stock is not tracked. */
  stock: number | null;
  soldOut: boolean;
  /** Units sold, or null when the shop does not say (records stored before 0.2 lack it too). */
  sold?: number | null;
  /** A short coupon or promotion line, or null (records stored before 0.2 lack it too). */
  promotion?: string | null;
  flashSale: { endsAt: number } | null;
  href: string | null;
  variants: { id: string; label: string }[];
  /** When ops first added it (kept when replaced): the shelf's order after the pins. */
  createdAt: number;
  updatedAt: number;
}

/** The `pins` collection's one record, id `current`. */
export interface PinsRecord {
  /** Pinned product ids, oldest first; at most 3. */
  productIds: string[];
  /** When each pinned product was pinned (epoch ms): the start of its presentation window. */
  since: Record<string, number>;
}

/** One presentation window: a product pinned at `pinnedAt`, until `unpinnedAt` (null while pinned). */
export interface PinWindow {
  product: string;
  pinnedAt: number;
  unpinnedAt: number | null;
}

export interface OpsError {
  code: string;
  message: string;
  path?: string;
}

export type Rule<T> = { ok: true; value: T } | { ok: false; error: OpsError };

export function toRecord(config: ProductConfig, now: number, createdAt = now): ProductRecord {
  return {
    id: config.id,
    title: config.title,
    image: config.image ?? null,
    description: config.description ?? null,
    tags: config.tags,
    price: config.price,
    originalPrice: config.originalPrice ?? null,
    stock: config.stock ?? null,
    soldOut: config.soldOut,
    sold: config.sold ?? null,
    promotion: config.promotion ?? null,
    flashSale: config.flashSale ?? null,
    href: config.href ?? null,
    variants: config.variants ?? [],
    createdAt,
    updatedAt: now,
  };
}

/** Live changes (PATCH): price, stock, sold-out, sold, promotion, flash sale, title, tags; prices stay consistent. */
export function patchRecord(current: ProductRecord, patch: ProductPatch, now: number): Rule<ProductRecord> {
  const next: ProductRecord = { ...current, updatedAt: now };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.tags !== undefined) next.tags = patch.tags;
  if (patch.price !== undefined) next.price = patch.price;
  if (patch.originalPrice !== undefined) next.originalPrice = patch.originalPrice;
  if (patch.stock !== undefined) next.stock = patch.stock;
  if (patch.soldOut !== undefined) next.soldOut = patch.soldOut;
  if (patch.sold !== undefined) next.sold = patch.sold;
  if (patch.promotion !== undefined) next.promotion = patch.promotion;
  if (patch.flashSale !== undefined) next.flashSale = patch.flashSale;
  const original = next.originalPrice;
  if (original && original.currency !== next.price.currency)
    return fail(
      'invalid_body',
      `originalPrice.currency: expected ${next.price.currency}`,
      'originalPrice.currency',
    );
  if (original && original.amount < next.price.amount)
    return fail(
      'invalid_body',
      'originalPrice.amount: expected at least price.amount',
      'originalPrice.amount',
    );
  return { ok: true, value: next };
}

/**
 * The pins after pinning `id`. Pinning a pinned product changes nothing (its presentation window
 * goes on). A 4th pin is refused with `too_many_pins` unless `replaceOldest`, which unpins the
 * product pinned longest: ops decide, nothing disappears from viewers by surprise.
 */
export function pinned(pins: PinsRecord, id: string, now: number, replaceOldest: boolean): Rule<PinsRecord> {
  if (pins.productIds.includes(id)) return { ok: true, value: pins };
  let base = pins;
  if (pins.productIds.length >= MAX_PINS) {
    if (!replaceOldest)
      return fail(
        'too_many_pins',
        `at most ${MAX_PINS} products can be pinned; unpin one first or pin with {"replaceOldest": true}`,
      );
    base = withoutPin(pins, pins.productIds[0]!);
  }
  return { ok: true, value: { productIds: [...base.productIds, id], since: { ...base.since, [id]: now } } };
}

export function withoutPin(pins: PinsRecord, id: string): PinsRecord {
  const since = { ...pins.since };
  delete since[id];
  return { productIds: pins.productIds.filter((p) => p !== id), since };
}

function fail(code: string, message: string, path?: string): { ok: false; error: OpsError } {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}
