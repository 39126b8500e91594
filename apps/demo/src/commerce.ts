/**
 * The demo's live commerce: the host's cart (answers `onair-add-to-cart` / `onair-buy-now`, reports
 * orders through `track()` and stock decrements through the ops API) and the ops buttons that
 * pin, unpin and sell — the same ops commands through the server or the in-page room.
 */

import type { CartAnswer } from '@onair/commerce';
import type { ProductInput } from '@onair/commerce/model.js';
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

export function commerceOps(ops: Ops): CommerceOps {
  const run = async (name: string, input: object) => void (await ops.command(name, input));
  return {
    async seed() {
      for (const product of DEMO_PRODUCTS) await run('product.put', { product: product.id, config: product });
    },
    pin: (product) => run('product.pin', { product, replaceOldest: true }),
    unpin: (product) => run('product.unpin', { product }),
    stock: (product, delta) => run('product.stock', { product, delta }),
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
