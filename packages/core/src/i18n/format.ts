import type { Locale } from './locale.js';

/** Money is always integer minor units (fen, cents) with an ISO 4217 code. */
export interface Money {
  amount: number;
  currency: string;
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale, {}).format(value);
}

/** `ratio` in 0…1. Whole percents: a result bar is read, not audited. */
export function formatPercent(ratio: number, locale: Locale): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Formats minor units using the currency's own number of minor digits (JPY 0, CNY 2, …). */
export function formatMoney(money: Money, locale: Locale): string {
  const format = numberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** `deltaMs` relative to now: negative is the past (“3 minutes ago”), positive the future. */
export function formatRelativeTime(deltaMs: number, locale: Locale): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of relativeUnits) {
    if (Math.abs(deltaMs) >= ms || unit === 'second') return format.format(Math.round(deltaMs / ms), unit);
  }
  return '';
}

/** A countdown clock, `m:ss` or `h:mm:ss`, rounded up so 0:00 means finished. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
