import { describe, expect, it } from 'vitest';
import { formatCountdown, formatMoney, formatNumber, formatPercent, formatRelativeTime } from './format.js';
import { defineMessages, resolveLocale } from './locale.js';

describe('i18n', () => {
  it('maps language tags to the built-in locales', () => {
    expect(resolveLocale('zh')).toBe('zh-CN');
    expect(resolveLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(resolveLocale('en-GB')).toBe('en');
    expect(resolveLocale('fr')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
  });

  it('formats money from integer minor units with the currency’s own digits', () => {
    expect(formatMoney({ amount: 12345, currency: 'CNY' }, 'zh-CN')).toBe('¥123.45');
    expect(formatMoney({ amount: 12345, currency: 'USD' }, 'en')).toBe('$123.45');
    expect(formatMoney({ amount: 500, currency: 'JPY' }, 'en')).toBe('¥500');
  });

  it('formats numbers, percents, relative times and countdowns', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatPercent(0.426, 'zh-CN')).toBe('43%');
    expect(formatRelativeTime(-180_000, 'en')).toBe('3 minutes ago');
    expect(formatRelativeTime(-180_000, 'zh-CN')).toBe('3分钟前');
    expect(formatCountdown(65_001)).toBe('1:06');
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('looks up messages with parameters in both languages, right-to-left text params bidi-isolated', () => {
    const t = defineMessages({
      en: { hello: ({ name }) => `Hi ${name}`, bye: 'Bye', count: ({ n }) => `${n} left` },
      'zh-CN': { hello: ({ name }) => `你好，${name}`, bye: '再见', count: ({ n }) => `剩 ${n}` },
    });
    expect(t('en', 'hello', { name: 'Mia' })).toBe('Hi Mia');
    expect(t('zh-CN', 'hello', { name: '小鱼' })).toBe('你好，小鱼');
    expect(t('zh-CN', 'bye')).toBe('再见');
    // An Arabic name keeps "Hi" before it and the punctuation after it in reading order.
    expect(t('en', 'hello', { name: 'مريم!' })).toBe('Hi \u2068مريم!\u2069');
    expect(t('zh-CN', 'hello', { name: 'שלום' })).toBe('你好，\u2068שלום\u2069');
    expect(t('en', 'count', { n: 3 })).toBe('3 left');
  });
});
