import { httpUrl, id, int, list, oneOf, strict, text } from '@onair/core/validation.js';
import * as v from 'valibot';
import { BUILTIN_ICONS, GIFT_TAGS, MAX_PRICE, MAX_QUANTITY, NAME_MAX } from './limits.js';

export {
  BUILTIN_ICONS,
  type BuiltinIcon,
  DEFAULT_QUANTITIES,
  GIFT_TAGS,
  type GiftTag,
  MAX_GIFTS,
  MAX_PRICE,
  MAX_QUANTITY,
  NAME_MAX,
} from './limits.js';

export const oddsSchema = strict({ label: text(1, NAME_MAX), permille: int(1, 1000) });

export const giftSchema = strict({
  id: id(32),
  name: text(1, NAME_MAX),
  /** Integer minor units of the catalog's currency. */
  price: int(1, MAX_PRICE),
  /** A built-in icon name, or an absolute http(s) image URL. */
  icon: v.union([oneOf(BUILTIN_ICONS), httpUrl()], 'icon'),
  tag: v.optional(oneOf(GIFT_TAGS)),
  /** Blind box only: what it may turn into, in ‰; they add up to 1000. */
  odds: v.optional(list(oddsSchema, 1, 10)),
});

export const categorySchema = strict({
  id: id(32),
  name: text(1, 16),
  gifts: list(giftSchema, 1, 24),
});

/**
 * What ops (or a static embed) configure. `currency` is an ISO 4217 code (prices then read as
 * money) or a virtual currency code such as `COIN` (read as a number of coins); `digits` is its
 * number of minor digits for virtual currencies (coins are whole: 0).
 */
export const catalogSchema = strict({
  currency: v.optional(v.pipe(v.string('id|8'), v.regex(/^[A-Z][A-Z0-9]{2,7}$/, 'id|8')), 'COIN'),
  digits: v.optional(int(0, 4), 0),
  categories: list(categorySchema, 1, 6),
  /** False stops gifting in the room (sends are refused with `room_closed`). */
  open: v.optional(v.boolean('bool'), true),
});

export type GiftInput = v.InferInput<typeof giftSchema>;
export type Gift = v.InferOutput<typeof giftSchema>;
export type GiftCategory = v.InferOutput<typeof categorySchema>;
export type CatalogInput = v.InferInput<typeof catalogSchema>;
export type Catalog = v.InferOutput<typeof catalogSchema>;

/** `gift.send`: one user send. `comboId` groups repeated sends into one combo (连击). */
export const sendPayloadSchema = strict({
  gift: id(32),
  quantity: int(1, MAX_QUANTITY),
  comboId: v.optional(id(64)),
  /** Display name of the sender, as the host knows it. */
  name: v.optional(text(1, NAME_MAX)),
});
export type SendPayload = v.InferOutput<typeof sendPayloadSchema>;

/** `POST …/gifts/grant` (ops): credit a viewer's wallet. */
export const grantSchema = strict({
  viewer: id(64),
  amount: int(1, 1_000_000_000),
  /** The viewer id comes from a signed token (else an anonymous id). */
  signed: v.optional(v.boolean('bool'), false),
});
