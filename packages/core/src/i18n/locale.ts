export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps any BCP 47 tag to a built-in locale: every `zh*` to zh-CN, everything else to English. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

type Params = Record<string, string | number>;
type Message = string | ((params: Params) => string);
export type Catalog<K extends string> = Record<Locale, Record<K, Message>>;

/**
 * A typed message lookup. Each package defines its own catalog in both languages; TypeScript
 * refuses a catalog that misses a key in either language.
 */
export function defineMessages<K extends string>(catalog: Catalog<K>) {
  return (locale: Locale, key: K, params: Params = {}): string => {
    const message = catalog[locale][key];
    return typeof message === 'function' ? message(params) : message;
  };
}
