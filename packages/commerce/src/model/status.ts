import type { ProductRecord } from './product.js';

/** The id of the one `pins` record in a room. */
export const PINS_ID = 'current';

/** Sold out by ops, or no stock left. Kept apart from the rules so elements load only this. */
export function isSoldOut(product: Pick<ProductRecord, 'soldOut' | 'stock'>): boolean {
  return product.soldOut || product.stock === 0;
}
