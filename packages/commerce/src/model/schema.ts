import { bool, httpUrl, id, int, list, strict, text, unique } from '@onair/core/validation.js';
import * as v from 'valibot';

import { MAX_PINS } from './product.js';

export const TITLE_MAX = 80;
export const TAG_MAX = 16;
export const DESCRIPTION_MAX = 600;
/** 10 billion minor units: far above any live-commerce price, far below float trouble. */
export const AMOUNT_MAX = 10_000_000_000;
export const STOCK_MAX = 10_000_000;
export const SOLD_MAX = 10_000_000_000;
/** A coupon or promotion line (满199减20) is read at a glance: short. */
export const PROMOTION_MAX = 40;

/** A message valibot passes through as is (`describe()` returns unknown keys unchanged). */
const CURRENCY_MESSAGE = 'expected a 3-letter ISO 4217 currency code';

export const currency = () => v.pipe(v.string(CURRENCY_MESSAGE), v.regex(/^[A-Z]{3}$/, CURRENCY_MESSAGE));

/** Money in integer minor units (fen, cents) with its currency; never negative. */
export const moneySchema = strict({ amount: int(0, AMOUNT_MAX), currency: currency() });

export const variantSchema = strict({ id: id(32), label: text(1, 40) });

export const flashSaleSchema = strict({
  /** Epoch ms the flash sale ends (compare with server time). */
  endsAt: int(0, 8_640_000_000_000),
});

/** A product as ops create it (`PUT /v1/rooms/:room/products/:id`) or a static embed configures it. */
export const productSchema = strict({
  id: id(64),
  title: text(1, TITLE_MAX),
  /** Absolute http(s) image URL only. */
  image: v.optional(httpUrl()),
  description: v.optional(text(0, DESCRIPTION_MAX)),
  /** Selling points (卖点), short. */
  tags: v.optional(list(text(1, TAG_MAX), 0, 5), []),
  price: moneySchema,
  /** The crossed-out price; same currency, not below `price`. */
  originalPrice: v.optional(moneySchema),
  /** Units left; omitted means the shop does not track stock. */
  stock: v.optional(int(0, STOCK_MAX)),
  soldOut: v.optional(bool(), false),
  /** Units sold so far (已售), as the shop counts them. */
  sold: v.optional(int(0, SOLD_MAX)),
  /** A short coupon or promotion line (满199减20). */
  promotion: v.optional(text(1, PROMOTION_MAX)),
  flashSale: v.optional(flashSaleSchema),
  /** Product page for link mode; attribution parameters are appended. */
  href: v.optional(httpUrl()),
  variants: v.optional(list(variantSchema, 1, 30)),
});

export type ProductInput = v.InferInput<typeof productSchema>;
export type ProductConfig = v.InferOutput<typeof productSchema>;

/** `PATCH`: what changes live during a show. `null` clears an optional field. */
export const productPatchSchema = strict({
  title: v.optional(text(1, TITLE_MAX)),
  price: v.optional(moneySchema),
  originalPrice: v.optional(v.nullable(moneySchema)),
  stock: v.optional(v.nullable(int(0, STOCK_MAX))),
  soldOut: v.optional(bool()),
  sold: v.optional(v.nullable(int(0, SOLD_MAX))),
  promotion: v.optional(v.nullable(text(1, PROMOTION_MAX))),
  flashSale: v.optional(v.nullable(flashSaleSchema)),
  tags: v.optional(list(text(1, TAG_MAX), 0, 5)),
});
export type ProductPatch = v.InferOutput<typeof productPatchSchema>;

/** Host-reported stock change (`POST …/stock`): negative for units sold, positive for restocks. */
export const stockDeltaSchema = strict({ delta: int(-STOCK_MAX, STOCK_MAX) });

export const pinBodySchema = strict({
  /** With 3 products pinned, unpin the one pinned longest instead of refusing. */
  replaceOldest: v.optional(bool(), false),
});

/** A static shelf: the room's products and which are pinned, for embeds without a server. */
export const shelfConfigSchema = strict({
  products: list(productSchema, 0, 1000),
  pinned: v.optional(v.pipe(list(id(64), 0, MAX_PINS), unique<string>()), []),
});
export type ShelfConfigInput = v.InferInput<typeof shelfConfigSchema>;
