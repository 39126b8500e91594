/**
 * Live commerce as a feature: the `products` and `pins` collections, the ops commands that change
 * them (viewers have no commerce actions: the host page owns the cart), the flash-sale timer and
 * the presentation windows, run alike by the in-page room and the reference server.
 */
import { defineFeature, done, type Parsed, refuse, withParams } from '@onair/core/feature.js';
import { bool, id, int, parse, parser, strict } from '@onair/core/validation.js';
import * as v from 'valibot';
import {
  type PinsRecord,
  type PinWindow,
  type ProductRecord,
  patchRecord,
  pinned,
  toRecord,
  withoutPin,
} from './product.js';
import { type ProductConfig, productPatchSchema, STOCK_MAX } from './schema.js';
import { PINS_ID } from './status.js';
import { validateProduct } from './validate.js';

export interface ProductRecords {
  products: ProductRecord;
  /** One record, `current`. */
  pins: PinsRecord;
  /** Every presentation window, by `<product>@<pinnedAt>`; for CTR per window, never sent to viewers. */
  pin_windows: PinWindow;
}

type Change =
  | { coll: 'products'; id: string; value: ProductRecord | null }
  | { coll: 'pins'; id: string; value: PinsRecord }
  | { coll: 'pin_windows'; id: string; value: PinWindow };

const NO_PINS: PinsRecord = { productIds: [], since: {} };
const productRef = strict({ product: id(64) });
const putSchema = strict({ product: id(64), config: v.unknown() });

/** `product.put` input: the URL's id and the product, which may repeat the id but not contradict it. */
function parsePut(input: unknown): Parsed<{ product: string; config: ProductConfig }> {
  const outer = parse(putSchema, input);
  if (!outer.ok) return outer;
  const { product, config } = outer.value;
  const body = config as Record<string, unknown> | null;
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (isObject && Object.hasOwn(body, 'id') && body['id'] !== product)
    return { ok: false, issues: [{ path: 'config.id', key: `expected "${product}" (the URL's id)` }] };
  const valid = validateProduct(isObject ? { ...body, id: product } : config);
  if (!valid.ok)
    return {
      ok: false,
      issues: valid.issues.map((i) => ({ ...i, path: i.path ? `config.${i.path}` : 'config' })),
    };
  return { ok: true, value: { product, config: valid.value } };
}

const route = (method: 'POST' | 'PATCH' | 'DELETE', path: string) => ({
  method,
  path: `/products/:product${path}`,
  input: ({ params, body }: { params: Record<string, string>; body: unknown }) => withParams(body, params),
});

const unknownProduct = (product: string) => refuse('unknown_product', `no product "${product}" in this room`);

/** The changes that move the pins from `before` to `after`, closing and opening their windows. */
function pinChanges(
  before: PinsRecord,
  after: PinsRecord,
  now: number,
  windows: (key: string) => PinWindow | undefined,
): Change[] {
  const changes: Change[] = [{ coll: 'pins', id: PINS_ID, value: after }];
  for (const product of before.productIds)
    if (after.since[product] !== before.since[product]) {
      const key = `${product}@${before.since[product]}`;
      const open = windows(key);
      if (open) changes.push({ coll: 'pin_windows', id: key, value: { ...open, unpinnedAt: now } });
    }
  for (const product of after.productIds)
    if (before.since[product] !== after.since[product]) {
      const pinnedAt = after.since[product]!;
      changes.push({
        coll: 'pin_windows',
        id: `${product}@${pinnedAt}`,
        value: { product, pinnedAt, unpinnedAt: null },
      });
    }
  return changes;
}

export const productsFeature = defineFeature<ProductRecords>({
  name: 'products',
  collections: {
    products: {
      // When a flash sale ends, the record drops it, so late joiners and the shelf agree at once.
      due: (product) => product.flashSale?.endsAt ?? null,
      expire(state, productId, ctx) {
        const product = state.get('products', productId)!;
        return done(
          {},
          {
            changes: [
              { coll: 'products', id: productId, value: { ...product, flashSale: null, updatedAt: ctx.now } },
            ],
          },
        );
      },
    },
    // Always there, so a late joiner knows "nothing pinned" from "not loaded yet".
    pins: { initial: { [PINS_ID]: NO_PINS } },
    pin_windows: { view: false },
  },
  ops: {
    /** Creates or replaces a product; a replaced product keeps its pin and its `createdAt`. */
    'product.put': {
      parse: parsePut,
      run(state, { config }, ctx) {
        const record = toRecord(config, ctx.now, state.get('products', config.id)?.createdAt ?? ctx.now);
        return done({ product: record }, { changes: [{ coll: 'products', id: record.id, value: record }] });
      },
      http: {
        method: 'PUT',
        path: '/products/:product',
        input: ({ params, body }) => ({ product: params['product'], config: body }),
        bodyAt: 'config',
      },
    },
    'product.patch': {
      parse: (input) => {
        if (typeof input !== 'object' || input === null) return parse(productRef, input) as Parsed<never>;
        const { product, ...patch } = input as Record<string, unknown>;
        const ref = parse(productRef, { product });
        if (!ref.ok) return ref;
        const parsed = parse(productPatchSchema, patch);
        return parsed.ok ? { ok: true, value: { product: ref.value.product, patch: parsed.value } } : parsed;
      },
      run(state, { product: productId, patch }, ctx) {
        const current = state.get('products', productId);
        if (!current) return unknownProduct(productId);
        const next = patchRecord(current, patch, ctx.now);
        if (!next.ok) return next;
        return done(
          { product: next.value },
          { changes: [{ coll: 'products', id: productId, value: next.value }] },
        );
      },
      http: route('PATCH', ''),
    },
    /**
     * Host-reported sales (−) or restocks (+). Stock never goes below 0: a host reporting more sales
     * than the stock held (an oversell) leaves 0, and the answer says how many units could not be taken.
     */
    'product.stock': {
      parse: parser(strict({ product: id(64), delta: int(-STOCK_MAX, STOCK_MAX) })),
      run(state, { product: productId, delta }, ctx) {
        const current = state.get('products', productId);
        if (!current) return unknownProduct(productId);
        if (current.stock === null)
          return refuse(
            'stock_not_tracked',
            `product "${productId}" has no stock to change; set stock first`,
            'stock',
          );
        const wanted = current.stock + delta;
        const next: ProductRecord = { ...current, stock: Math.max(0, wanted), updatedAt: ctx.now };
        return done(
          { product: { ...next, oversold: Math.max(0, -wanted) } },
          { changes: [{ coll: 'products', id: productId, value: next }] },
        );
      },
      http: route('POST', '/stock'),
    },
    'product.pin': {
      parse: parser(strict({ product: id(64), replaceOldest: v.optional(bool(), false) })),
      run(state, { product: productId, replaceOldest }, ctx) {
        if (!state.get('products', productId)) return unknownProduct(productId);
        const before = state.get('pins', PINS_ID)!;
        const after = pinned(before, productId, ctx.now, replaceOldest);
        if (!after.ok) return after;
        if (after.value === before) return done({ pins: before });
        return done(
          { pins: after.value },
          { changes: pinChanges(before, after.value, ctx.now, (key) => state.get('pin_windows', key)) },
        );
      },
      http: route('POST', '/pin'),
    },
    /** Unpinning a product that is not pinned answers with the pins unchanged. */
    'product.unpin': {
      parse: parser(productRef),
      run(state, { product: productId }, ctx) {
        if (!state.get('products', productId)) return unknownProduct(productId);
        const before = state.get('pins', PINS_ID)!;
        if (!before.productIds.includes(productId)) return done({ pins: before });
        const after = withoutPin(before, productId);
        return done(
          { pins: after },
          { changes: pinChanges(before, after, ctx.now, (key) => state.get('pin_windows', key)) },
        );
      },
      http: route('POST', '/unpin'),
    },
    /** Deletes a product; a pinned product is unpinned in the same change. */
    'product.delete': {
      parse: parser(productRef),
      run(state, { product: productId }, ctx) {
        if (!state.get('products', productId)) return unknownProduct(productId);
        const before = state.get('pins', PINS_ID)!;
        const changes: Change[] = [{ coll: 'products', id: productId, value: null }];
        if (before.productIds.includes(productId))
          changes.push(
            ...pinChanges(before, withoutPin(before, productId), ctx.now, (key) =>
              state.get('pin_windows', key),
            ),
          );
        return done({ deleted: productId }, { changes });
      },
      http: route('DELETE', ''),
    },
  },
  queries: {
    /** Products (shelf order), pins and every presentation window. */
    'product.list': {
      parse: parser(strict({})),
      run(state) {
        const products = [...state.all('products').values()].sort((a, b) =>
          a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
        );
        const windows = [...state.all('pin_windows').values()].sort((a, b) => a.pinnedAt - b.pinnedAt);
        return { ok: true, result: { products, pins: state.get('pins', PINS_ID)!, windows } };
      },
      http: { method: 'GET', path: '/products', input: () => ({}) },
    },
  },
});
