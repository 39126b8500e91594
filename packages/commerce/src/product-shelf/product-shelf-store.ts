/**
 * The shelf's (购物袋) view state: the room's products, pinned ones first (in pin order), then in
 * the order ops added them, filtered by the viewer's search; and the host's answer per product.
 * The element renders what this store says; which rows are on screen is windowing.ts.
 */
import type { Channel } from '@onair/core/element.js';
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ProductRecord } from '../model/product.js';
import {
  clockStore,
  type ProductFacts,
  pinsOf,
  pinsStore,
  productFacts,
  productsStore,
  STATUS_MS,
} from '../shared/catalog-view.js';
import type { CartStatus } from '../shared/product-actions.js';

export interface ShelfRow extends ProductFacts {
  product: ProductRecord;
  pinned: boolean;
  pinnedAt: number | null;
  /** 1-based position in the whole shelf (not the filtered list), for telemetry. */
  position: number;
  cart: CartStatus;
}

export interface ShelfView {
  loaded: boolean;
  /** Products in the room. */
  total: number;
  query: string;
  /** Rows matching the query, pinned first. */
  rows: ShelfRow[];
  /** The host's latest "Added to cart", shown for a few seconds, else ''. */
  notice: string;
}

export interface ShelfStore {
  $view: ReadableAtom<ShelfView>;
  search(query: string): void;
  setCart(productId: string, status: CartStatus): void;
}

const IDLE: CartStatus = { state: 'idle' };

export function createShelfStore(channel: Channel): ShelfStore {
  const $products = productsStore(channel);
  const $pins = pinsStore(channel);
  const $query = atom('');
  const $carts = atom<Record<string, CartStatus>>({});
  const $notice = atom('');
  let clearing: ReturnType<typeof setTimeout> | undefined;
  let flashRunning = false;
  const $now = clockStore(channel, () => flashRunning);

  // The order only changes with products or pins, not with the clock or a search keystroke.
  const $ordered = computed([$products, $pins], (products, pinsColl) => {
    const pins = pinsOf(pinsColl);
    const pinned = pins.productIds.map((id) => products[id]).filter((p): p is ProductRecord => !!p);
    const rest = Object.values(products)
      .filter((p) => !pins.productIds.includes(p.id))
      .sort((a, b) => a.createdAt - b.createdAt);
    return { list: [...pinned, ...rest], pins };
  });

  const $view = computed(
    [$ordered, channel.$status, $query, $carts, $now, $notice],
    ({ list, pins }, status, query, carts, now, notice): ShelfView => {
      const needle = query.trim().toLocaleLowerCase();
      const rows: ShelfRow[] = [];
      let flash = false;
      list.forEach((product, i) => {
        if (needle && !matches(product, needle)) return;
        const facts = productFacts(product, now);
        flash ||= facts.flashRemainingMs !== null;
        const pinnedAt = pins.since[product.id] ?? null;
        rows.push({
          ...facts,
          product,
          pinned: pinnedAt !== null,
          pinnedAt,
          position: i + 1,
          cart: carts[product.id] ?? IDLE,
        });
      });
      flashRunning = flash;
      return { loaded: status === 'live' || list.length > 0, total: list.length, query, rows, notice };
    },
  );

  return {
    $view,
    search: (query) => $query.set(query.slice(0, 80)),
    setCart(productId, status) {
      $carts.set({ ...$carts.get(), [productId]: status });
      if (status.state !== 'done' || !status.ok) return;
      $notice.set(status.message);
      clearTimeout(clearing);
      clearing = setTimeout(() => {
        $notice.set('');
        const carts = $carts.get();
        if (carts[productId] === status) $carts.set({ ...carts, [productId]: IDLE });
      }, STATUS_MS);
    },
  };
}

function matches(product: ProductRecord, needle: string): boolean {
  if (product.title.toLocaleLowerCase().includes(needle)) return true;
  return product.tags.some((tag) => tag.toLocaleLowerCase().includes(needle));
}
