/**
 * Commerce served by an in-memory room (`@onair/core` `createMemoryRoom`): the gallery, static
 * embeds and the offline demo get the ops API's behaviour (same rules, same answers), minus
 * persistence. Every call commits one delta, as the server's coalesced broadcast would.
 */
import type { Change, MemoryRoom, RecordValue } from '@onair/core/channel.js';
import { formatIssue, parse } from '@onair/core/validation.js';
import {
  adjustStock,
  type Catalog,
  emptyCatalog,
  type Outcome,
  PINS_ID,
  type PinsRecord,
  type ProductRecord,
  patchProduct,
  pinProduct,
  putProduct,
  removeProduct,
  unpinProduct,
} from './product.js';
import { type ProductInput, productPatchSchema } from './schema.js';
import { validateProduct } from './validate.js';

export interface MemoryProducts {
  /** Creates or replaces a product; an invalid one is refused with 400 and the field's path. */
  put(input: ProductInput | unknown): Outcome<ProductRecord>;
  patch(id: string, patch: unknown): Outcome<ProductRecord>;
  stock(id: string, delta: number): Outcome<ProductRecord>;
  pin(id: string, options?: { replaceOldest?: boolean }): Outcome<PinsRecord>;
  unpin(id: string): Outcome<PinsRecord>;
  remove(id: string): Outcome<{ deleted: string }>;
  get(id: string): ProductRecord | undefined;
  pins(): PinsRecord;
}

export interface ServeProductsOptions {
  products?: readonly unknown[];
  /** Ids to pin at once, in order. */
  pinned?: readonly string[];
  now?: () => number;
}

/** Registers the room's products and returns the ops-side controls. Throws on invalid seed data. */
export function serveProducts(room: MemoryRoom, options: ServeProductsOptions = {}): MemoryProducts {
  const clock = options.now ?? Date.now;
  const catalog: Catalog = emptyCatalog();

  const publish = <T>(outcome: Outcome<T>): Outcome<T> => {
    if (!outcome.ok) return outcome;
    const changes: Change[] = outcome.changed.products.map((id) => ({
      coll: 'products',
      id,
      value: (catalog.products.get(id) ?? null) as RecordValue | null,
    }));
    if (outcome.changed.pins)
      changes.push({ coll: 'pins', id: PINS_ID, value: catalog.pins as unknown as RecordValue });
    if (changes.length) room.commit(changes);
    return outcome;
  };

  const controls: MemoryProducts = {
    put(input) {
      const valid = validateProduct(input);
      if (!valid.ok) {
        const issue = valid.issues[0]!;
        return {
          ok: false,
          status: 400,
          error: { code: 'invalid_body', message: formatIssue(issue), path: issue.path },
        };
      }
      return publish(putProduct(catalog, valid.value, clock()));
    },
    patch(id, patch) {
      const parsed = parse(productPatchSchema, patch);
      if (!parsed.ok) {
        const issue = parsed.issues[0]!;
        return {
          ok: false,
          status: 400,
          error: { code: 'invalid_body', message: formatIssue(issue), path: issue.path },
        };
      }
      return publish(patchProduct(catalog, id, parsed.value, clock()));
    },
    stock: (id, delta) => publish(adjustStock(catalog, id, delta, clock())),
    pin: (id, pinOptions = {}) => publish(pinProduct(catalog, id, clock(), pinOptions.replaceOldest)),
    unpin: (id) => publish(unpinProduct(catalog, id)),
    remove: (id) => publish(removeProduct(catalog, id)),
    get: (id) => catalog.products.get(id),
    pins: () => catalog.pins,
  };

  for (const product of options.products ?? []) {
    const outcome = controls.put(product);
    if (!outcome.ok) throw new TypeError(outcome.error.message);
  }
  // The pins record always exists, so "nothing pinned" is known rather than "not loaded yet".
  room.commit([{ coll: 'pins', id: PINS_ID, value: catalog.pins as unknown as RecordValue }]);
  for (const id of options.pinned ?? []) {
    const outcome = controls.pin(id);
    if (!outcome.ok) throw new TypeError(outcome.error.message);
  }
  return controls;
}
