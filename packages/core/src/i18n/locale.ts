export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps any BCP 47 tag to a built-in locale: every `zh*` to zh-CN, everything else to English. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

type Params = Record<string, string | number>;
type Message = string | ((params: Params) => string);
export type Catalog<K extends string> = Record<Locale, Record<K, Message>>;

/** Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo … and their presentation forms. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/**
 * Text params are labels from configs and viewers (a gift's name, a product's title) in any
 * script. Both UI languages are left-to-right, so only a right-to-left label can reorder the
 * sentence around it: such a param is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
 * (the `<bdi>` of plain strings, for text that also goes to aria-labels and live regions).
 */
const isolate = (params: Params): Params =>
  Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'string' && RTL.test(value) ? `\u2068${value}\u2069` : value,
    ]),
  );

/**
 * A typed message lookup. Each package defines its own catalog in both languages; TypeScript
 * refuses a catalog that misses a key in either language.
 */
export function defineMessages<K extends string>(catalog: Catalog<K>) {
  return (locale: Locale, key: K, params: Params = {}): string => {
    const message = catalog[locale][key];
    return typeof message === 'function' ? message(isolate(params)) : message;
  };
}
