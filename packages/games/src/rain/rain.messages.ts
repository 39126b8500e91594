import { defineMessages, formatMoney, formatNumber, type Locale } from '@onair/core/element.js';
import type { RainRecord } from '../model/rain.js';

/** Words of `<onair-red-packet-rain>`, in both built-in languages. */
export const rainMessage = defineMessages({
  en: {
    title: 'Red packet rain',
    noRain: 'No red packets right now — stay tuned.',
    startsIn: ({ time }) => `Starts in ${time}`,
    packetsOf: ({ count, budget }) => `${count} packets · ${budget} in all`,
    perViewer: ({ n }) => `Up to ${n} per viewer`,
    timeLeft: ({ s }) => `${s}s left`,
    yours: ({ n, max, total }) => `Yours: ${n}/${max} · ${total}`,
    help: 'Tap a falling packet to open it.',
    keys: 'Red packets are falling. Left and right arrows pick a packet, Enter or Space grabs it.',
    gridHelp: 'Tap a packet to open it.',
    packet: ({ n }) => `Red packet ${n}`,
    opened: ({ amount }) => `+${amount}`,
    missed: 'Missed',
    over: 'The rain is over',
    cancelled: 'This rain was called off.',
    yourTotal: 'Your total',
    yourPackets: ({ n }) => `${n} ${n === 1 ? 'packet' : 'packets'}`,
    noneForYou: 'No packets this time.',
    grabbed: ({ n, count }) => `${n} of ${count} packets grabbed`,
    top: 'Top grabbers',
    noGrabbers: 'Nobody grabbed a packet.',
    you: ' (You)',
    announceStart: ({ s }) => `Red packets are falling: ${s} seconds.`,
    announceOpened: ({ amount, total }) => `You opened a packet: ${amount}. Your total: ${total}.`,
    announceOver: ({ total }) => `The rain is over. Your total: ${total}.`,
    error_rain_cancelled: 'This rain was called off.',
    error_rain_empty: 'All packets are gone.',
    error_rain_ended: 'The rain is over.',
    error_rain_not_started: 'The rain has not started yet.',
    error_grab_limit: 'You have all the packets you may grab in this rain.',
    error_grab_too_fast: 'Too fast — one tap at a time.',
    error_rate_limited: 'Too fast — please wait a moment.',
    error_timeout: 'No answer from the server — try again.',
    error_other: ({ message }) => `That grab did not count: ${message}`,
    noRoom: 'place the red packet rain inside <onair-room>',
  },
  'zh-CN': {
    title: '红包雨',
    noRain: '暂无红包雨，敬请期待。',
    startsIn: ({ time }) => `${time} 后开始`,
    packetsOf: ({ count, budget }) => `共 ${count} 个红包 · 总额 ${budget}`,
    perViewer: ({ n }) => `每人最多 ${n} 个`,
    timeLeft: ({ s }) => `剩余 ${s} 秒`,
    yours: ({ n, max, total }) => `已抢 ${n}/${max} · ${total}`,
    help: '点击落下的红包即可拆开。',
    keys: '红包雨进行中。左右方向键选择红包，回车或空格键抢红包。',
    gridHelp: '点击红包即可拆开。',
    packet: ({ n }) => `红包 ${n}`,
    opened: ({ amount }) => `+${amount}`,
    missed: '没抢到',
    over: '红包雨结束',
    cancelled: '本场红包雨已取消。',
    yourTotal: '你共抢到',
    yourPackets: ({ n }) => `${n} 个红包`,
    noneForYou: '这次没有抢到红包。',
    grabbed: ({ n, count }) => `已抢 ${n}/${count} 个红包`,
    top: '手气榜',
    noGrabbers: '没有人抢到红包。',
    you: '（你）',
    announceStart: ({ s }) => `红包雨开始了，共 ${s} 秒。`,
    announceOpened: ({ amount, total }) => `抢到红包：${amount}。累计 ${total}。`,
    announceOver: ({ total }) => `红包雨结束。你共抢到 ${total}。`,
    error_rain_cancelled: '本场红包雨已取消。',
    error_rain_empty: '红包已被抢光。',
    error_rain_ended: '红包雨已结束。',
    error_rain_not_started: '红包雨尚未开始。',
    error_grab_limit: '本场你已抢满红包。',
    error_grab_too_fast: '太快了，请逐个点击。',
    error_rate_limited: '操作太快，请稍候。',
    error_timeout: '服务器无响应，请重试。',
    error_other: ({ message }) => `本次未抢到：${message}`,
    noRoom: '请把红包雨放在 <onair-room> 内',
  },
});

export type RainMessageKey = Parameters<typeof rainMessage>[1];

let currencies: Set<string> | null = null;

/**
 * An amount of the rain's unit as the locale writes it: money for ISO currency codes (minor units),
 * coins of the gift catalog (`12 coins`, `12 金币`), or points (`12 pts`, `12 积分`).
 */
export function formatAmount(amount: number, rain: RainRecord, locale: Locale): string {
  if (rain.unit === 'coins') {
    currencies ??= new Set(
      typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
    );
    if (currencies.has(rain.currency)) return formatMoney({ amount, currency: rain.currency }, locale);
  }
  const value = formatNumber(amount / 10 ** rain.digits, locale);
  const zh = locale === 'zh-CN';
  if (rain.unit === 'points') return zh ? `${value} 积分` : `${value} pts`;
  if (rain.currency !== 'COIN') return `${value} ${rain.currency}`;
  return zh ? `${value} 金币` : `${value} ${amount === 10 ** rain.digits ? 'coin' : 'coins'}`;
}
