import { formatMoney, type Locale } from '@onair/core/element.js';
import type { ProductRecord } from '../model/product.js';
import { commerceMessage } from './commerce.messages.js';

/** Only absolute http(s) URLs reach an `src`: live records may come from a custom transport. */
export function safeImage(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** "−35%" in English, "6.5折" in Chinese (a discount is said as the share you pay). */
export function discountText(locale: Locale, percent: number, label = false): string {
  const tenths = Math.round(((100 - percent) / 10) * 10) / 10;
  return commerceMessage(locale, label ? 'discountLabel' : 'discount', { percent, tenths });
}

export function priceText(product: Pick<ProductRecord, 'price'>, locale: Locale): string {
  return formatMoney(product.price, locale);
}
