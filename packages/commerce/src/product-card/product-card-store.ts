/**
 * The product card's view state: which product shows (a fixed id, or the Nth pin), its live facts,
 * the viewer's variant/quantity choice and the host's answer to the last cart intent. The element
 * renders what this store says.
 */
import type { Channel } from '@onair/core/element.js';
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ProductRecord } from '../model/product.js';
import {
  clockStore,
  type ProductFacts,
  pinsOf,
  pinsStore,
  productFacts,
  productsStore,
  STATUS_MS,
} from '../shared/catalog-view.js';

export type CardSelector = { productId: string } | { pinIndex: number };

import type { CartStatus } from '../shared/product-actions.js';

export type { CartStatus };

export interface CardView extends ProductFacts {
  /** False until the room's state arrived (avoids flashing "unavailable" on load). */
  loaded: boolean;
  product: ProductRecord | null;
  pinned: boolean;
  /** Start of the current presentation window, or null when not pinned. */
  pinnedAt: number | null;
  /** 1-based pin slot, or null when not pinned. */
  pinSlot: number | null;
  variant: string | null;
  quantity: number;
  /** Most units one intent may ask for: the stock left, at most 99. */
  maxQuantity: number;
  cart: CartStatus;
}

export interface CardStore {
  $view: ReadableAtom<CardView>;
  chooseVariant(id: string): void;
  setQuantity(quantity: number): void;
  setCart(status: CartStatus): void;
}

export function createCardStore(channel: Channel, selector: CardSelector): CardStore {
  const $products = productsStore(channel);
  const $pins = pinsStore(channel);
  const $choice = atom<{ product: string; variant: string | null; quantity: number }>({
    product: '',
    variant: null,
    quantity: 1,
  });
  const $cart = atom<{ product: string; status: CartStatus }>({ product: '', status: { state: 'idle' } });
  let clearing: ReturnType<typeof setTimeout> | undefined;
  let flashRunning = false;
  const $now = clockStore(channel, () => flashRunning);

  const $view = computed(
    [$products, $pins, channel.$status, $choice, $cart, $now],
    (products, pinsColl, status, choice, cart, now): CardView => {
      const pins = pinsOf(pinsColl);
      const id =
        'productId' in selector ? selector.productId : (pins.productIds[selector.pinIndex - 1] ?? '');
      const product = (id && products[id]) || null;
      const facts = product
        ? productFacts(product, now)
        : { soldOut: false, lowStock: false, discountPercent: null, flashRemainingMs: null };
      flashRunning = facts.flashRemainingMs !== null;
      const slot = product ? pins.productIds.indexOf(product.id) : -1;
      const mine = choice.product === id;
      const maxQuantity = Math.max(1, Math.min(99, product?.stock ?? 99));
      return {
        ...facts,
        loaded: status === 'live' || Object.keys(products).length > 0 || Object.keys(pinsColl).length > 0,
        product,
        pinned: slot >= 0,
        pinnedAt: slot >= 0 ? (pins.since[id] ?? null) : null,
        pinSlot: slot >= 0 ? slot + 1 : null,
        variant: mine ? choice.variant : (product?.variants[0]?.id ?? null),
        quantity: mine ? Math.min(choice.quantity, maxQuantity) : 1,
        maxQuantity,
        cart: cart.product === id ? cart.status : { state: 'idle' },
      };
    },
  );

  const current = () => $view.get();
  return {
    $view,
    chooseVariant(variantId) {
      const { product, quantity } = current();
      if (!product?.variants.some((v) => v.id === variantId)) return;
      $choice.set({ product: product.id, variant: variantId, quantity });
    },
    setQuantity(quantity) {
      const { product, variant, maxQuantity } = current();
      if (!product || !Number.isFinite(quantity)) return;
      $choice.set({
        product: product.id,
        variant,
        quantity: Math.min(maxQuantity, Math.max(1, Math.round(quantity))),
      });
    },
    setCart(status) {
      const product = current().product;
      if (!product) return;
      const entry = { product: product.id, status };
      $cart.set(entry);
      clearTimeout(clearing);
      if (status.state === 'done' && status.ok)
        clearing = setTimeout(() => {
          if ($cart.get() === entry) $cart.set({ product: product.id, status: { state: 'idle' } });
        }, STATUS_MS);
    },
  };
}
