// The bench page: 500 products in an in-page room, a shelf mounted, opened and scrolled on demand.
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import '@onair/commerce/onair-product-shelf.js';
import { productsFeature } from '@onair/commerce/model.js';

declare global {
  interface Window {
    bench: {
      mount(): Promise<number>;
      open(): Promise<number>;
      scroll(px: number): Promise<number[]>;
      nodes(): number;
    };
  }
}

const COUNT = 500;
const local = createLocalRoom({ room: 'bench', features: [productsFeature] });
for (let i = 0; i < COUNT; i++) {
  const config = {
    id: `p${i}`,
    title: `Live deal #${i} · 直播专享 ${i}`,
    image: `${location.origin}/img.svg`,
    tags: ['Live only'],
    price: { amount: 1990 + i * 10, currency: 'CNY' },
    originalPrice: { amount: 2990 + i * 10, currency: 'CNY' },
    stock: i % 7,
  };
  local.command('product.put', { product: config.id, config });
}
for (const product of ['p3', 'p200', 'p499']) local.command('product.pin', { product });
const room = createRoom({ room: 'bench', channel: local.connect() });
let shelf: HTMLElementTagNameMap['onair-product-shelf'];

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const rows = () => shelf.shadowRoot?.querySelectorAll('[part~="row"]').length ?? 0;

window.bench = {
  /** Append → the badge shows all products (state arrived and rendered). */
  async mount() {
    const start = performance.now();
    shelf = document.createElement('onair-product-shelf');
    shelf.room = room;
    document.body.append(shelf);
    while (shelf.shadowRoot?.querySelector('[part~="count"]')?.textContent !== String(COUNT)) await frame();
    return performance.now() - start;
  },
  /** Click → the first rows are on screen. */
  async open() {
    const start = performance.now();
    shelf.shadowRoot!.querySelector<HTMLButtonElement>('[part~="toggle"]')!.click();
    while (rows() === 0) await frame();
    await frame();
    return performance.now() - start;
  },
  /** Scrolls the list by `px` per frame to the end; returns each frame's duration. */
  async scroll(px) {
    const list = shelf.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
    const frames: number[] = [];
    let last = await frame();
    for (let guard = 0; guard < 2000 && list.scrollTop + list.clientHeight < list.scrollHeight - 1; guard++) {
      list.scrollTop += px;
      const now = await frame();
      frames.push(now - last);
      last = now;
    }
    return frames;
  },
  nodes: () =>
    document.getElementsByTagName('*').length + (shelf.shadowRoot?.querySelectorAll('*').length ?? 0),
};
