/** Events `<onair-product-card>` and `<onair-product-shelf>` fire. */
import type { IntentDetail } from '@onair/core/element.js';
import type { Money } from './model/product.js';

export const CommerceEvents = {
  productClick: 'onair-product-click',
  addToCart: 'onair-add-to-cart',
  buyNow: 'onair-buy-now',
} as const;

/** The host's answer to a cart intent; `message` is shown in the widget (failures must say why). */
export type CartAnswer = { ok: true; message?: string } | { ok: false; message: string };

export interface ProductIntentBase {
  productId: string;
  /** Where the viewer acted: a card or a shelf row. */
  source: 'card' | 'shelf';
  /** The product was pinned ("now explaining") when the viewer acted. */
  pinned: boolean;
}

export interface ProductClickDetail extends ProductIntentBase {
  /** The attributed product link (link mode), or null. */
  href: string | null;
}

/**
 * `onair-add-to-cart` / `onair-buy-now`, cancelable. The host owns the cart: call `respondWith()`
 * from the listener, while the event is dispatched, with the answer or a promise of it (as
 * `FetchEvent.respondWith`), and the widget shows "Adding…" then the outcome. `preventDefault()`
 * without answering means the host handles everything itself (the widget shows nothing). Neither:
 * the widget opens the product's attributed link when it has one, else says shopping is not
 * available here.
 */
export interface CartIntentDetail extends ProductIntentBase, IntentDetail<CartAnswer> {
  variant: string | null;
  quantity: number;
  /** Unit price shown to the viewer, integer minor units. */
  price: Money;
}

declare global {
  interface HTMLElementEventMap {
    'onair-product-click': CustomEvent<ProductClickDetail>;
    'onair-add-to-cart': CustomEvent<CartIntentDetail>;
    'onair-buy-now': CustomEvent<CartIntentDetail>;
  }
}
