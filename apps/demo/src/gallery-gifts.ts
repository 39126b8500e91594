/** Every state of the gift panel and feed, on in-page rooms: the gallery needs no server. */
import 'onair/onair-gift-feed.js';
import 'onair/onair-gift-panel.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { type CatalogInput, giftsFeature } from '@onair/gifts/model.js';
import { DEMO_CATALOG } from './gifts.js';

const variants = document.querySelector('#variants')!;
const CNY: CatalogInput = {
  currency: 'CNY',
  digits: 2,
  categories: [
    {
      id: 'hot',
      name: '热门',
      gifts: [
        { id: 'rose', name: '玫瑰', price: 10, icon: 'rose' },
        { id: 'crown', name: '皇冠', price: 52000, icon: 'crown', tag: 'limited' },
      ],
    },
  ],
};

interface Variant {
  caption: string;
  tag: 'onair-gift-panel' | 'onair-gift-feed';
  catalog?: CatalogInput;
  lang?: string;
  theme?: 'light' | 'dark';
  balance?: number;
  /** Simulated viewers send gifts every this many ms (feeds). */
  crowdMs?: number;
  staticConfig?: unknown;
}

const list: Variant[] = [
  { caption: 'Panel (light)', tag: 'onair-gift-panel', theme: 'light' },
  { caption: 'Panel (dark)', tag: 'onair-gift-panel', theme: 'dark' },
  {
    caption: '礼物面板 · 人民币 (zh-CN)',
    tag: 'onair-gift-panel',
    lang: 'zh-CN',
    catalog: CNY,
    balance: 10_000,
  },
  { caption: 'Low balance: sends are refused, top up', tag: 'onair-gift-panel', balance: 5 },
  { caption: 'Gifting closed', tag: 'onair-gift-panel', catalog: { ...DEMO_CATALOG, open: false } },
  { caption: 'Static config (no room)', tag: 'onair-gift-panel', staticConfig: DEMO_CATALOG },
  {
    caption: 'Invalid config: error inside the widget',
    tag: 'onair-gift-panel',
    staticConfig: { categories: [] },
  },
  { caption: 'Feed with stats (dark), crowd combos', tag: 'onair-gift-feed', theme: 'dark', crowdMs: 250 },
  { caption: '礼物动态 (zh-CN, light)', tag: 'onair-gift-feed', lang: 'zh-CN', theme: 'light', crowdMs: 600 },
];

const NAMES = ['Mia', 'Leo', '小雨', 'Kai', '阿杰', 'Noor'];
for (const [index, variant] of list.entries()) {
  const figure = document.createElement('figure');
  const caption = document.createElement('figcaption');
  caption.textContent = variant.caption;
  const el = document.createElement(variant.tag);
  if (variant.lang) el.setAttribute('lang', variant.lang);
  if (variant.theme) el.theme = variant.theme;
  if (variant.staticConfig !== undefined && el instanceof HTMLElement && 'config' in el)
    el.config = variant.staticConfig;
  else {
    const local = createLocalRoom({
      room: `gallery-gifts-${index}`,
      features: [giftsFeature({ startingBalance: variant.balance ?? 10_000 })],
    });
    local.command('gift.catalog', { catalog: variant.catalog ?? DEMO_CATALOG });
    el.room = createRoom({ room: local.room, channel: local.connect() });
    const crowd = NAMES.map((_, viewer) => local.connect(`v${viewer}`));
    if (variant.crowdMs) {
      el.setAttribute('stats', '');
      let combo = { viewer: 0, gift: 'rose', id: 'c0', left: 0 };
      let serial = 0;
      setInterval(() => {
        if (combo.left-- <= 0) {
          const gifts = ['rose', 'heart', 'cake', 'rose', 'heart', 'rocket'];
          combo = {
            viewer: serial % NAMES.length,
            gift: gifts[serial % gifts.length]!,
            id: `c${serial}`,
            left: serial % 5,
          };
        }
        serial++;
        const payload = { gift: combo.gift, quantity: 1, comboId: combo.id, name: NAMES[combo.viewer]! };
        crowd[combo.viewer]!.act('gift.send', payload).catch(() => {});
      }, variant.crowdMs);
    }
  }
  if (variant.theme === 'light') figure.className = 'light-bg';
  figure.append(caption, el);
  variants.append(figure);
}
