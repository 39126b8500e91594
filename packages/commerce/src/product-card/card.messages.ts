import { defineMessages } from '@onair/core/element.js';

/** Words only the card shows; those it shares with the shelf are in shared/commerce.messages.ts. */
export const cardMessage = defineMessages({
  en: {
    unavailable: 'This product is no longer available.',
    waiting: 'Loading product…',
    noProduct: 'is required: set product="<id>", or pinned',
    nowSoldOut: ({ title }) => `${title} is sold out`,
    noRoom: 'set `config`, or place the card inside <onair-room>',
  },
  'zh-CN': {
    unavailable: '该商品已下架。',
    waiting: '商品加载中…',
    noProduct: '为必填项：请设置 product="<id>" 或 pinned',
    nowSoldOut: ({ title }) => `${title} 已售罄`,
    noRoom: '请设置 `config`，或将卡片放在 <onair-room> 中',
  },
});
