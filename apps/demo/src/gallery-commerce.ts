/** Every state of `<onair-product-card>` and `<onair-product-shelf>`, on in-page memory rooms. */
import 'onair/onair-product-card.js';
import 'onair/onair-product-shelf.js';
import { serveProducts } from '@onair/commerce/model.js';
import { createMemoryRoom, createRoom } from '@onair/core';
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

type Products = ReturnType<typeof serveProducts>;
/** A room holding the demo products; `setup` pins, sells out… and may `commit` raw records. */
function room(setup: (products: Products, commit: (records: object[]) => void) => void) {
  const memory = createMemoryRoom({ room: `gallery-${Math.random().toString(36).slice(2)}` });
  const products = serveProducts(memory, { products: DEMO_PRODUCTS });
  setup(products, (records) =>
    memory.commit(
      records.map((value) => ({ coll: 'products', id: (value as { id: string }).id, value }) as never),
    ),
  );
  return createRoom({ room: memory.room, transport: memory.transport(), theme: prefs.theme });
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
    room((p) => void p.pin('lipstick')),
  ),
);
const overlay = card(
  { pinned: '' },
  room((p) => void p.pin('lipstick')),
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
    room((p) => void p.pin('scarf')),
  ),
);
show(
  { en: 'Sold out', zh: '已售罄' },
  card(
    { product: 'lipstick' },
    room((p) => void p.patch('lipstick', { soldOut: true })),
  ),
);
show(
  {
    en: 'Sold count and coupon (fields the product model does not carry yet)',
    zh: '已售数量和优惠（商品模型尚无的字段）',
  },
  card(
    { product: 'lipstick' },
    room((p, commit) =>
      commit([
        {
          ...p.get('lipstick'),
          sold: 12_800,
          promotion: prefs.lang === 'zh-CN' ? '满199减20' : '¥20 off ¥199',
        },
      ]),
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
shelf.room = room((p) => {
  p.pin('serum');
  p.pin('scarf');
});
show({ en: 'The bag: 60 products, 2 pinned', zh: '购物袋：60 件商品，2 件讲解中' }, shelf);
