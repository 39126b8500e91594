/** Every state of the gift panel, feed and effects, on in-page rooms: no server needed. */
import 'onair/onair-gift-effects.js';
import 'onair/onair-gift-feed.js';
import 'onair/onair-gift-panel.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { type CatalogInput, giftsFeature } from '@onair/gifts/model.js';
import { type Caption, prefs, show, stage } from './gallery.js';
import { DEMO_CATALOG } from './gifts.js';

const CNY: CatalogInput = {
  currency: 'CNY',
  digits: 2,
  categories: [
    {
      id: 'hot',
      name: prefs.lang === 'zh-CN' ? '热门' : 'Hot',
      gifts: [
        { id: 'rose', name: prefs.lang === 'zh-CN' ? '玫瑰' : 'Rose', price: 10, icon: 'rose' },
        {
          id: 'crown',
          name: prefs.lang === 'zh-CN' ? '皇冠' : 'Crown',
          price: 52000,
          icon: 'crown',
          tag: 'limited',
        },
      ],
    },
  ],
};

interface Variant {
  caption: Caption;
  build: () => HTMLElement;
  /** The element's room: a catalog, a balance, and simulated viewers sending every `crowdMs`. */
  catalog?: CatalogInput;
  balance?: number;
  crowdMs?: number;
  /** Every this many crowd sends is a rocket (a big gift). */
  rocketEvery?: number;
  staticConfig?: unknown;
  wide?: boolean;
  /** Where the element goes on the page (e.g. over a stage); defaults to the element itself. */
  frame?: (el: HTMLElement) => HTMLElement;
}

const panel = () => document.createElement('onair-gift-panel');
const feed = (stats = true) => {
  const el = document.createElement('onair-gift-feed');
  el.stats = stats;
  return el;
};
const effects = () => document.createElement('onair-gift-effects');
const narrowPanel = () => {
  const el = panel();
  el.classList.add('narrow-demo');
  return el;
};

const list: Variant[] = [
  {
    caption: {
      en: 'Panel: inline given 400 px or more, else a gift button',
      zh: '礼物面板：宽度 ≥ 400 px 时内嵌，否则为礼物按钮',
    },
    build: panel,
    wide: true,
  },
  {
    caption: {
      en: 'Panel in a narrow space: a gift button, the panel in a bottom sheet',
      zh: '窄空间：礼物按钮，面板在底部弹层',
    },
    build: narrowPanel,
  },
  {
    caption: { en: 'Panel, prices in yuan', zh: '礼物面板 · 人民币' },
    build: panel,
    catalog: CNY,
    wide: true,
  },
  {
    caption: { en: 'Low balance: sends are refused, top up', zh: '余额不足：无法赠送，去充值' },
    build: panel,
    balance: 5,
    wide: true,
  },
  {
    caption: { en: 'Gifting closed', zh: '已关闭送礼' },
    build: panel,
    catalog: { ...DEMO_CATALOG, open: false },
    wide: true,
  },
  {
    caption: { en: 'Static config (no room)', zh: '静态配置（无直播间）' },
    build: panel,
    staticConfig: DEMO_CATALOG,
    wide: true,
  },
  {
    caption: { en: 'Invalid config: error inside the widget', zh: '无效配置：错误显示在组件内' },
    build: panel,
    staticConfig: { categories: [] },
  },
  {
    caption: { en: 'Feed with stats, crowd combos and big gifts', zh: '礼物动态：统计、连击和大礼物' },
    build: feed,
    crowdMs: 400,
    rocketEvery: 9,
  },
  {
    caption: { en: 'Big-gift effects over the stream', zh: '画面上的大礼物特效' },
    build: effects,
    crowdMs: 700,
    rocketEvery: 3,
    frame: (el) => stage(el),
  },
];

const NAMES = ['Mia', 'Leo', '小雨', 'Kai', '阿杰', 'Noor'];
for (const [index, variant] of list.entries()) {
  const el = variant.build() as HTMLElement & { theme?: string; room?: unknown; config?: unknown };
  el.theme = prefs.theme;
  if (variant.staticConfig !== undefined) el.config = variant.staticConfig;
  else {
    const local = createLocalRoom({
      room: `gallery-gifts-${index}`,
      // Crowd rooms: the simulated viewers never run out of coins.
      features: [giftsFeature({ startingBalance: variant.balance ?? (variant.crowdMs ? 1e9 : 10_000) })],
    });
    local.command('gift.catalog', { catalog: variant.catalog ?? DEMO_CATALOG });
    el.room = createRoom({ room: local.room, channel: local.connect(), theme: prefs.theme });
    const crowd = NAMES.map((_, viewer) => local.connect(`v${viewer}`));
    if (variant.crowdMs) {
      let combo = { viewer: 0, gift: 'rose', id: 'c0', left: 0 };
      let serial = 0;
      setInterval(() => {
        // `<html data-still>` holds the crowd, so screenshots and layout tests see a page at rest.
        if (document.documentElement.hasAttribute('data-still')) return;
        if (combo.left-- <= 0) {
          const rocket = variant.rocketEvery && serial % variant.rocketEvery === 0;
          const cheap = ['rose', 'heart', 'cake', 'rose', 'heart'];
          combo = {
            viewer: serial % NAMES.length,
            gift: rocket ? 'rocket' : cheap[serial % cheap.length]!,
            id: `c${serial}`,
            left: rocket ? 0 : serial % 5,
          };
        }
        serial++;
        const payload = { gift: combo.gift, quantity: 1, comboId: combo.id, name: NAMES[combo.viewer]! };
        crowd[combo.viewer]!.act('gift.send', payload).catch(() => {});
      }, variant.crowdMs);
    }
  }
  show(variant.caption, variant.frame ? variant.frame(el) : el, { wide: variant.wide ?? false });
}
