import { defineMessages } from '@onair/core/element.js';

/** Words only the shelf shows; those it shares with the card are in shared/commerce.messages.ts. */
export const shelfMessage = defineMessages({
  en: {
    back: 'All products',
    searchLimit: ({ max }) => `Searches are up to ${max} characters.`,
    bag: 'Products',
    bagCount: ({ n }) => `Products, ${n} ${n === 1 ? 'item' : 'items'}`,
    search: 'Search products',
    results: ({ n }) => `${n} ${n === 1 ? 'product' : 'products'}`,
    noResults: 'No products match your search.',
    empty: 'No products in this room yet.',
    noRoom: 'set `config`, or place the shelf inside <onair-room>',
  },
  'zh-CN': {
    back: '全部商品',
    searchLimit: ({ max }) => `搜索最多 ${max} 个字。`,
    bag: '购物袋',
    bagCount: ({ n }) => `购物袋，${n} 件商品`,
    search: '搜索商品',
    results: ({ n }) => `${n} 件商品`,
    noResults: '没有符合搜索的商品。',
    empty: '直播间暂无商品。',
    noRoom: '请设置 `config`，或将货架放在 <onair-room> 中',
  },
});
