/** Every state of `<onair-product-card>` and `<onair-product-shelf>`, on in-page memory rooms. */
import 'onair/onair-product-card.js';
import 'onair/onair-product-shelf.js';
import { serveProducts } from '@onair/commerce/model.js';
import { createMemoryRoom, createRoom } from '@onair/core';
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

function room(theme: 'light' | 'dark', setup: (products: ReturnType<typeof serveProducts>) => void) {
  const memory = createMemoryRoom({ room: `gallery-${Math.random().toString(36).slice(2)}` });
  const products = serveProducts(memory, { products: DEMO_PRODUCTS });
  setup(products);
  return createRoom({ room: memory.room, transport: memory.transport(), theme });
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
      room(theme, (p) => void p.pin('lipstick')),
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
    room('light', (p) => void p.pin('scarf')),
  ),
  'zh-CN',
);
show(
  'Sold out',
  card(
    { product: 'lipstick' },
    room('light', (p) => void p.patch('lipstick', { soldOut: true })),
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
  shelf.room = room(theme, (p) => {
    p.pin('serum');
    p.pin('scarf');
  });
  show(caption, shelf, lang);
}
