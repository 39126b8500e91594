/** Prices and icons, shared by the panel and the feed. */
import { formatMoney, formatNumber, type Locale } from '@onair/core/element.js';

let currencies: Set<string> | null = null;

/** True for an ISO 4217 code Intl can format as money (CNY, USD…); virtual codes (COIN) are not. */
function isMoney(code: string): boolean {
  currencies ??= new Set(
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['CNY', 'USD', 'EUR'],
  );
  return currencies.has(code);
}

/**
 * An amount in minor units, read the way the locale writes it: money for ISO codes, else a
 * number of coins (`1,314 coins`, `1,314 金币`) with the currency's own digits.
 */
export function formatPrice(amount: number, currency: string, digits: number, locale: Locale): string {
  if (isMoney(currency)) return formatMoney({ amount, currency }, locale);
  const value = formatNumber(amount / 10 ** digits, locale);
  if (currency !== 'COIN') return `${value} ${currency}`;
  if (locale === 'zh-CN') return `${value} 金币`;
  return `${value} ${amount === 10 ** digits ? 'coin' : 'coins'}`;
}

/** Built-in icon glyphs (no network, no CSP exception); URLs are drawn as images. */
const GLYPHS: Record<string, string> = {
  heart: '❤️',
  rose: '🌹',
  star: '⭐',
  clap: '👏',
  cake: '🎂',
  crown: '👑',
  rocket: '🚀',
  diamond: '💎',
  fireworks: '🎆',
  castle: '🏰',
  gift: '🎁',
  lollipop: '🍭',
};

export function glyph(icon: string): string | null {
  return Object.hasOwn(GLYPHS, icon) ? GLYPHS[icon]! : null;
}

/** Per-mille odds as a percentage with up to one decimal (`0.5%`). */
export function formatOdds(permille: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    permille / 1000,
  );
}
