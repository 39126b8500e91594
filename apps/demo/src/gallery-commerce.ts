/** Every state of `<onair-product-card>` and `<onair-product-shelf>`, on in-page rooms. */
import 'onair/onair-product-card.js';
import 'onair/onair-product-shelf.js';
import { productsFeature } from '@onair/commerce/model.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { DEMO_PRODUCTS } from './commerce.js';
import { prefs, show, stage } from './gallery.js';

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
function room(setup: (ops: (name: string, input: object) => void) => void) {
  const local = createLocalRoom({ features: [productsFeature] });
  const ops = (name: string, input: object) => void local.command(name, input);
  for (const product of DEMO_PRODUCTS) ops('product.put', { product: product.id, config: product });
  setup(ops);
  return createRoom({ room: local.room, channel: local.connect(), theme: prefs.theme });
}

function card(attrs: Record<string, string>, ctx: ReturnType<typeof createRoom> | null, config?: unknown) {
  const el = document.createElement('onair-product-card');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.theme = prefs.theme;
  if (ctx) el.room = ctx;
  if (config !== undefined) el.config = config;
  return el;
}

show(
  { en: 'Pinned, now explaining', zh: '讲解中' },
  card(
    { pinned: '' },
    room((ops) => ops('product.pin', { product: 'lipstick' })),
  ),
);
const overlay = card(
  { pinned: '' },
  room((ops) => ops('product.pin', { product: 'lipstick' })),
);
overlay.classList.add('overlay-card');
show(
  { en: 'Compact overlay card on the stream (narrow space)', zh: '画面上的讲解卡片（窄空间）' },
  stage(overlay),
);
show(
  { en: 'Flash sale countdown', zh: '限时秒杀倒计时' },
  card(
    { product: 'serum' },
    room(() => {}),
  ),
);
show(
  { en: 'Low stock', zh: '库存紧张' },
  card(
    { pinned: '' },
    room((ops) => ops('product.pin', { product: 'scarf' })),
  ),
);
show(
  { en: 'Sold out', zh: '已售罄' },
  card(
    { product: 'lipstick' },
    room((ops) => ops('product.patch', { product: 'lipstick', soldOut: true })),
  ),
);
show(
  { en: 'Sold count and coupon', zh: '已售数量和优惠' },
  card(
    { product: 'lipstick' },
    room((ops) =>
      ops('product.patch', {
        product: 'lipstick',
        sold: 12_800,
        promotion: prefs.lang === 'zh-CN' ? '满199减20' : '¥20 off ¥199',
      }),
    ),
  ),
);
show(
  { en: 'Link mode (attributed href)', zh: '链接模式（带归因参数）' },
  card(
    { product: 'lipstick', link: '', campaign: 'gallery' },
    room(() => {}),
  ),
);
show({ en: 'Static config', zh: '静态配置' }, card({}, null, DEMO_PRODUCTS[2]));
show(
  { en: 'Invalid config: javascript: image', zh: '无效配置：javascript: 图片' },
  card({}, null, { ...DEMO_PRODUCTS[0], image: 'javascript:alert(1)' }),
);
show(
  { en: 'Invalid config: negative price', zh: '无效配置：负价格' },
  card({}, null, { ...DEMO_PRODUCTS[0], price: { amount: -1, currency: 'CNY' } }),
);

const shelf = document.createElement('onair-product-shelf');
shelf.theme = prefs.theme;
shelf.room = room((ops) => {
  ops('product.pin', { product: 'serum' });
  ops('product.pin', { product: 'scarf' });
});
show({ en: 'The bag: 60 products, 2 pinned', zh: '购物袋：60 件商品，2 件讲解中' }, shelf);
