import { defineMessages } from '@onair/core/element.js';

export const feedMessage = defineMessages({
  en: {
    recent: 'Recent gifts',
    sent: ({ gift }) => `sent ${gift}`,
    quantity: ({ n }) => `×${n}`,
    combo: ({ n }) => `combo ${n}`,
    stats: 'Room gifts',
    totalGifts: 'Gifts',
    totalValue: 'Value',
    senders: 'Senders',
    top: 'Top senders',
    bigGift: ({ sender, gift, n }) => `${sender} sent ${gift}${Number(n) > 1 ? `, combo ${n}` : ''}`,
    empty: 'No gifts yet.',
    noRoom: 'place the feed inside <onair-room>, or set its `room` property',
  },
  'zh-CN': {
    recent: '最新礼物',
    sent: ({ gift }) => `送出 ${gift}`,
    quantity: ({ n }) => `×${n}`,
    combo: ({ n }) => `连击 ${n}`,
    stats: '直播间礼物',
    totalGifts: '礼物数',
    totalValue: '总价值',
    senders: '送礼人数',
    top: '送礼榜',
    bigGift: ({ sender, gift, n }) => `${sender} 送出 ${gift}${Number(n) > 1 ? `，连击 ${n}` : ''}`,
    empty: '还没有礼物。',
    noRoom: '请将礼物动态放在 <onair-room> 中，或设置其 `room` 属性',
  },
});
