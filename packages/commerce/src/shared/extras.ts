/**
 * Facts live commerce shows that the product model does not carry yet: units sold (已售) and a
 * coupon or promotion line (满199减20). Read from a record only when it has them, as own
 * properties of the right type, so a record from a custom transport cannot inject anything else.
 */
import type { ProductRecord } from '../model/product.js';

const own = (product: ProductRecord, key: string): unknown =>
  Object.hasOwn(product, key) ? (product as unknown as Record<string, unknown>)[key] : undefined;

/** Units sold, or null when the record does not say. */
export function soldCount(product: ProductRecord): number | null {
  const value = own(product, 'sold');
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** A short coupon or promotion line, or null. */
export function promotion(product: ProductRecord): string | null {
  const value = own(product, 'promotion');
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 40) : null;
}
