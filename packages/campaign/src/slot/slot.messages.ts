import type { Locale } from '@onair/core/element.js';

const messages = {
  en: { appeared: 'New here: ', left: 'Removed from this area.' },
  'zh-CN': { appeared: '此处新增：', left: '此处内容已移除。' },
};

/** Words of `<onair-slot>` in the element's language. */
export function slotMessage(locale: Locale, key: keyof (typeof messages)['en']): string {
  return messages[locale === 'zh-CN' ? 'zh-CN' : 'en'][key];
}

/** A widget's name for the announcement: `onair-product-card` → `product card`. */
export const widgetName = (element: string) => element.replace(/^onair-/, '').replaceAll('-', ' ');
