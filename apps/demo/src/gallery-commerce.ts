/** Every state of `<onair-product-card>` and `<onair-product-shelf>`, on in-page rooms. */
import 'onair/onair-product-card.js';
import 'onair/onair-product-shelf.js';
import { productsFeature } from '@onair/commerce/model.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { DEMO_PRODUCTS } from './commerce.js';

const variants = document.querySelector('#variants')!;
const failing = document.querySelector<HTMLInputElement>('#answer-fail')!;

document.body.addEventListener('onair-add-to-cart', (event) => {
  event.detail.respondWith(
    new Promise((resolve) =>
      setTimeout(
        () => resolve(failing.checked ? { ok: false, message: 'The shop is busy, try again' } : { ok: true }),
        400,
      ),
    ),
  );
});
document.body.addEventListener('onair-buy-now', (event) => event.detail.respondWith({ ok: true }));
document.body.addEventListener('onair-product-click', (event) => {
  if (event.detail.href) event.preventDefault(); // the gallery stays put in link mode
});

/** An in-page room with the demo's products; `setup` runs ops commands on it. */
function room(theme: 'light' | 'dark', setup: (ops: (name: string, input: object) => void) => void) {
  const local = createLocalRoom({ features: [productsFeature] });
  const ops = (name: string, input: object) => void local.command(name, input);
  for (const product of DEMO_PRODUCTS) ops('product.put', { product: product.id, config: product });
  setup(ops);
  return createRoom({ room: local.room, channel: local.connect(), theme });
}

function show(caption: string, element: HTMLElement, lang = 'en') {
  const figure = document.createElement('figure');
  figure.lang = lang;
  const label = document.createElement('figcaption');
  label.textContent = caption;
  figure.append(element, label);
  variants.append(figure);
}

function card(attrs: Record<string, string>, ctx: ReturnType<typeof createRoom> | null, config?: unknown) {
  const el = document.createElement('onair-product-card');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  if (ctx) el.room = ctx;
  if (config !== undefined) el.config = config;
  return el;
}

for (const theme of ['light', 'dark'] as const) {
  show(
    `Pinned, now explaining (${theme})`,
    card(
      { pinned: '' },
      room(theme, (ops) => ops('product.pin', { product: 'lipstick' })),
    ),
  );
  show(
    `Flash sale countdown (${theme})`,
    card(
      { product: 'serum' },
      room(theme, () => {}),
    ),
  );
}
show(
  '讲解中 · 低库存 (zh-CN)',
  card(
    { pinned: '' },
    room('light', (ops) => ops('product.pin', { product: 'scarf' })),
  ),
  'zh-CN',
);
show(
  'Sold out',
  card(
    { product: 'lipstick' },
    room('light', (ops) => ops('product.patch', { product: 'lipstick', soldOut: true })),
  ),
);
show(
  'Link mode (attributed href)',
  card(
    { product: 'lipstick', link: '', campaign: 'gallery' },
    room('light', () => {}),
  ),
);
show('Static config', card({}, null, DEMO_PRODUCTS[2]));
show(
  'Invalid config: javascript: image',
  card({}, null, { ...DEMO_PRODUCTS[0], image: 'javascript:alert(1)' }),
);
show(
  'Invalid config: negative price',
  card({}, null, { ...DEMO_PRODUCTS[0], price: { amount: -1, currency: 'CNY' } }),
);

for (const [caption, theme, lang] of [
  ['Shelf with 60 products, 2 pinned (light)', 'light', 'en'],
  ['购物袋 (dark, zh-CN)', 'dark', 'zh-CN'],
] as const) {
  const shelf = document.createElement('onair-product-shelf');
  shelf.room = room(theme, (ops) => {
    ops('product.pin', { product: 'serum' });
    ops('product.pin', { product: 'scarf' });
  });
  show(caption, shelf, lang);
}
