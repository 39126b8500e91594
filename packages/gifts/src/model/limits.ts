/** Value lists and limits, apart from the schemas so the elements can use them without valibot. */

/** Badges a gift can carry; a blind box also lists its odds. */
export const GIFT_TAGS = ['new', 'limited', 'blind-box'] as const;
export type GiftTag = (typeof GIFT_TAGS)[number];

/** Icons drawn without a network request (the panel maps each to a glyph). */
export const BUILTIN_ICONS = [
  'heart',
  'rose',
  'star',
  'clap',
  'cake',
  'crown',
  'rocket',
  'diamond',
  'fireworks',
  'castle',
  'gift',
  'lollipop',
] as const;
export type BuiltinIcon = (typeof BUILTIN_ICONS)[number];

export const DEFAULT_QUANTITIES = [1, 10, 66, 99, 188, 520, 1314] as const;
/** One send is at most this many gifts (Bilibili's largest preset is 1314). */
export const MAX_QUANTITY = 9_999;
/** The largest price of one gift, in minor units: with MAX_QUANTITY, a send stays well inside 2^53. */
export const MAX_PRICE = 10_000_000;
export const NAME_MAX = 24;
/** Gifts in a catalog, all categories together: the catalog record travels in snapshots. */
export const MAX_GIFTS = 60;
