/**
 * The commerce rules, shared by the reference server and the in-memory room: what a product
 * record looks like on the wire, what ops may do to it, and how pins work. Pure functions over a
 * plain `Catalog`; no I/O, no DOM. Callers persist and broadcast what `changed` names.
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

export interface Catalog {
  products: Map<string, ProductRecord>;
  pins: PinsRecord;
}

export interface OpsError {
  code: string;
  message: string;
  path?: string;
}

export interface Changed {
  /** Product ids whose record changed or was deleted. */
  products: string[];
  pins: boolean;
}

export type Outcome<T> =
  | { ok: true; value: T; changed: Changed }
  | { ok: false; status: number; error: OpsError };

export function emptyCatalog(): Catalog {
  return { products: new Map(), pins: { productIds: [], since: {} } };
}

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
    flashSale: config.flashSale ?? null,
    href: config.href ?? null,
    variants: config.variants ?? [],
    createdAt,
    updatedAt: now,
  };
}

/** Sold out when ops say so or the stock ran out. */

function fail(status: number, code: string, message: string, path?: string): Outcome<never> {
  return { ok: false, status, error: path ? { code, message, path } : { code, message } };
}

function unknownProduct(id: string): Outcome<never> {
  return fail(404, 'unknown_product', `no product "${id}" in this room`);
}

/** Creates or replaces a product (PUT). A replaced product keeps its pin. */
export function putProduct(catalog: Catalog, config: ProductConfig, now: number): Outcome<ProductRecord> {
  const record = toRecord(config, now, catalog.products.get(config.id)?.createdAt ?? now);
  catalog.products.set(record.id, record);
  return { ok: true, value: record, changed: { products: [record.id], pins: false } };
}

/** Live changes (PATCH): price, stock, sold-out, flash sale, title, tags. */
export function patchProduct(
  catalog: Catalog,
  id: string,
  patch: ProductPatch,
  now: number,
): Outcome<ProductRecord> {
  const current = catalog.products.get(id);
  if (!current) return unknownProduct(id);
  const next: ProductRecord = { ...current, updatedAt: now };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.tags !== undefined) next.tags = patch.tags;
  if (patch.price !== undefined) next.price = patch.price;
  if (patch.originalPrice !== undefined) next.originalPrice = patch.originalPrice;
  if (patch.stock !== undefined) next.stock = patch.stock;
  if (patch.soldOut !== undefined) next.soldOut = patch.soldOut;
  if (patch.flashSale !== undefined) next.flashSale = patch.flashSale;
  const original = next.originalPrice;
  if (original && original.currency !== next.price.currency)
    return fail(
      400,
      'invalid_body',
      `originalPrice.currency: expected ${next.price.currency}`,
      'originalPrice.currency',
    );
  if (original && original.amount < next.price.amount)
    return fail(
      400,
      'invalid_body',
      'originalPrice.amount: expected at least price.amount',
      'originalPrice.amount',
    );
  catalog.products.set(id, next);
  return { ok: true, value: next, changed: { products: [id], pins: false } };
}

/**
 * Host-reported stock change. Stock never goes below 0: a host reporting more sales than the
 * stock held (an oversell) leaves 0, and the answer says how many units could not be taken.
 */
export function adjustStock(
  catalog: Catalog,
  id: string,
  delta: number,
  now: number,
): Outcome<ProductRecord & { oversold: number }> {
  const current = catalog.products.get(id);
  if (!current) return unknownProduct(id);
  if (current.stock === null)
    return fail(409, 'stock_not_tracked', `product "${id}" has no stock to change; set stock first`, 'stock');
  const wanted = current.stock + delta;
  const next: ProductRecord = { ...current, stock: Math.max(0, wanted), updatedAt: now };
  catalog.products.set(id, next);
  return {
    ok: true,
    value: { ...next, oversold: Math.max(0, -wanted) },
    changed: { products: [id], pins: false },
  };
}

/** Deletes a product; a pinned product is unpinned with it. */
export function removeProduct(catalog: Catalog, id: string): Outcome<{ deleted: string }> {
  if (!catalog.products.delete(id)) return unknownProduct(id);
  const pinned = catalog.pins.productIds.includes(id);
  if (pinned) catalog.pins = withoutPin(catalog.pins, id);
  return { ok: true, value: { deleted: id }, changed: { products: [id], pins: pinned } };
}

/**
 * Pins a product ("now explaining"). Pinning a pinned product changes nothing (its presentation
 * window goes on). A 4th pin is refused with 409 `too_many_pins` unless `replaceOldest`, which
 * unpins the product pinned longest: ops decide, nothing disappears from viewers by surprise.
 */
export function pinProduct(
  catalog: Catalog,
  id: string,
  now: number,
  replaceOldest = false,
): Outcome<PinsRecord> {
  if (!catalog.products.has(id)) return unknownProduct(id);
  const pins = catalog.pins;
  if (pins.productIds.includes(id)) return { ok: true, value: pins, changed: { products: [], pins: false } };
  let base = pins;
  if (pins.productIds.length >= MAX_PINS) {
    if (!replaceOldest)
      return fail(
        409,
        'too_many_pins',
        `at most ${MAX_PINS} products can be pinned; unpin one first or pin with {"replaceOldest": true}`,
      );
    base = withoutPin(pins, pins.productIds[0]!);
  }
  catalog.pins = { productIds: [...base.productIds, id], since: { ...base.since, [id]: now } };
  return { ok: true, value: catalog.pins, changed: { products: [], pins: true } };
}

/** Unpins a product; unpinning one that is not pinned answers with the pins unchanged. */
export function unpinProduct(catalog: Catalog, id: string): Outcome<PinsRecord> {
  if (!catalog.products.has(id)) return unknownProduct(id);
  if (!catalog.pins.productIds.includes(id))
    return { ok: true, value: catalog.pins, changed: { products: [], pins: false } };
  catalog.pins = withoutPin(catalog.pins, id);
  return { ok: true, value: catalog.pins, changed: { products: [], pins: true } };
}

function withoutPin(pins: PinsRecord, id: string): PinsRecord {
  const since = { ...pins.since };
  delete since[id];
  return { productIds: pins.productIds.filter((p) => p !== id), since };
}
