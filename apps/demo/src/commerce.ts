/**
 * The demo's live commerce: the host's cart (answers `onair-add-to-cart` / `onair-buy-now`, reports
 * orders through `track()` and stock decrements through the ops API) and the ops buttons that
 * pin, unpin and sell. Offline, the products live in the page's memory room.
 */

import type { CartAnswer } from '@onair/commerce';
import { type MemoryProducts, type ProductInput, serveProducts } from '@onair/commerce/model.js';
import type { OnairRoomElement } from '@onair/core';
import type { Ops } from './ops.js';

/** Local images: the page's CSP allows them, and the demo works without a network. */
const img = (name: string) => new URL(`/products/${name}.svg`, location.href).href;
export const DEMO_PRODUCTS: ProductInput[] = [
  {
    id: 'lipstick',
    title: 'Velvet matte lipstick #520 · 丝绒哑光唇膏',
    image: img('lipstick'),
    tags: ['Long-lasting', '持妆'],
    description: 'A soft matte finish that lasts all day.',
    price: { amount: 12900, currency: 'CNY' },
    originalPrice: { amount: 19900, currency: 'CNY' },
    stock: 12,
    href: 'https://shop.example.com/p/lipstick',
    variants: [
      { id: 'red', label: 'Classic red' },
      { id: 'nude', label: 'Nude' },
    ],
  },
  {
    id: 'serum',
    title: 'Night repair serum 50 ml · 夜间修护精华',
    image: img('serum'),
    tags: ['Bestseller'],
    price: { amount: 25900, currency: 'CNY' },
    originalPrice: { amount: 32900, currency: 'CNY' },
    stock: 80,
    flashSale: { endsAt: Date.now() + 15 * 60_000 },
  },
  {
    id: 'scarf',
    title: 'Mulberry silk scarf · 桑蚕丝方巾',
    image: img('scarf'),
    tags: ['Silk', 'Gift box'],
    price: { amount: 39900, currency: 'CNY' },
    stock: 3,
  },
  ...Array.from({ length: 57 }, (_, i) => ({
    id: `item-${i + 1}`,
    title: `Live deal #${i + 1} · 直播专享 ${i + 1}`,
    image: img('item'),
    tags: ['Live only'],
    price: { amount: 1990 + i * 300, currency: 'CNY' },
    stock: 50 + i,
  })),
];

export interface CommerceOps {
  seed(): Promise<void>;
  pin(id: string): Promise<void>;
  unpin(id: string): Promise<void>;
  stock(id: string, delta: number): Promise<void>;
}

export function commerceOps(ops: Ops, server: string, room: string, token: string): CommerceOps {
  if (ops.mode === 'offline' && ops.memory) {
    const products: MemoryProducts = serveProducts(ops.memory);
    const check = (outcome: { ok: boolean; error?: { message: string } }) => {
      if (!outcome.ok) throw new Error(outcome.error?.message);
    };
    return {
      async seed() {
        for (const product of DEMO_PRODUCTS) check(products.put(product));
      },
      pin: async (id) => check(products.pin(id, { replaceOldest: true })),
      unpin: async (id) => check(products.unpin(id)),
      stock: async (id, delta) => check(products.stock(id, delta)),
    };
  }
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(`/v1/rooms/${encodeURIComponent(room)}/products/${path}`, server), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok)
      throw new Error(((await response.json()) as { error?: { message?: string } }).error?.message);
  };
  return {
    async seed() {
      for (const product of DEMO_PRODUCTS) await call('PUT', encodeURIComponent(product.id), product);
    },
    pin: (id) => call('POST', `${encodeURIComponent(id)}/pin`, { replaceOldest: true }),
    unpin: (id) => call('POST', `${encodeURIComponent(id)}/unpin`),
    stock: (id, delta) => call('POST', `${encodeURIComponent(id)}/stock`, { delta }),
  };
}

/** The host's cart: answers intents after a short "network" delay; a buy reports an order. */
export function startHostCart(
  room: OnairRoomElement,
  commerce: CommerceOps,
  log: (text: string) => void,
): void {
  const answer = (ms: number, value: CartAnswer) =>
    new Promise<CartAnswer>((r) => setTimeout(() => r(value), ms));
  room.addEventListener('onair-add-to-cart', (event) => {
    const { productId, quantity } = event.detail;
    event.detail.respondWith(answer(300, { ok: true }));
    log(`Host cart: added ${quantity} × ${productId}`);
  });
  room.addEventListener('onair-buy-now', (event) => {
    const { productId, quantity, price } = event.detail;
    event.detail.respondWith(
      answer(300, { ok: true }).then(async (result) => {
        // The shop placed the order: report it for the funnel and the stock it took.
        room.track('order.placed', {
          order: `demo-${Date.now()}`,
          amount: price.amount * quantity,
          currency: price.currency,
          products: [productId],
        });
        await commerce.stock(productId, -quantity).catch(() => {});
        return result;
      }),
    );
    log(`Host cart: order for ${quantity} × ${productId}`);
  });
}
