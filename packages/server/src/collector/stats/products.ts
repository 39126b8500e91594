/**
 * Product click-through from `product.impression` and `product.click` (`product`, `window`):
 * per product, distinct viewers with an impression (`impressed`), with a click (`clickers`) and
 * `ctr` = clickers ÷ impressed; and the same per presentation window.
 *
 * A presentation window is an interval in which the product was pinned. Its id is the pin's
 * `pinnedAt`, which the product card and shelf stamp on every product event as `window` (null
 * while not pinned), so windows come from the events themselves, not from the live database
 * (the collector never opens the live file; see STATS.md). A window is reported with `pinnedAt`
 * and `lastSeenAt`, the latest event stamped with it in the range.
 * At most `MAX_PRODUCTS` products (most impressed first) and `MAX_WINDOWS` windows each.
 */
import { minuteOf, numberProp, type Section, textProp, top, ViewerSet } from './event.js';
import { ratio } from './math.js';

export const MAX_PRODUCTS = 200;
export const MAX_WINDOWS = 50;

interface Reach {
  impressed: ViewerSet;
  clickers: ViewerSet;
}

interface ProductTally extends Reach {
  windows: Map<number, Reach & { lastSeenAt: number }>;
}

interface ReachResult {
  impressed: number;
  clickers: number;
  ctr: number | null;
}

export interface ProductResult extends ReachResult {
  product: string;
  windows: (ReachResult & { pinnedAt: number; lastSeenAt: number })[];
  windowsLeftOut: number;
  estimated: boolean;
}

export interface ProductsSection extends Section<{ products: ProductResult[]; productsLeftOut: number }> {
  /** Products whose window covers `minute` (pinned then, as far as the events show). */
  pinnedAt(minute: number): string[];
}

const reach = (r: Reach): ReachResult => ({
  impressed: r.impressed.count,
  clickers: r.clickers.count,
  ctr: ratio(r.clickers.count, r.impressed.count),
});

export function products(): ProductsSection {
  const byProduct = new Map<string, ProductTally>();
  return {
    types: ['product.impression', 'product.click'],
    add(e) {
      const product = textProp(e.props, 'product');
      if (product === null) return;
      let tally = byProduct.get(product);
      if (!tally) {
        tally = { impressed: new ViewerSet(), clickers: new ViewerSet(), windows: new Map() };
        byProduct.set(product, tally);
      }
      const set = e.type === 'product.impression' ? 'impressed' : 'clickers';
      tally[set].add(e.viewer, e.rate);
      const window = numberProp(e.props, 'window');
      if (window === null || !Number.isInteger(window) || window < 0) return;
      let w = tally.windows.get(window);
      if (!w) {
        w = { impressed: new ViewerSet(), clickers: new ViewerSet(), lastSeenAt: e.ts };
        tally.windows.set(window, w);
      }
      w[set].add(e.viewer, e.rate);
      w.lastSeenAt = Math.max(w.lastSeenAt, e.ts);
    },
    result() {
      const { kept, leftOut } = top(byProduct, (t) => t.impressed.count, MAX_PRODUCTS);
      return {
        products: kept.map(([product, t]) => {
          const windows = [...t.windows].sort(([a], [b]) => a - b);
          return {
            product,
            ...reach(t),
            windows: windows
              .slice(-MAX_WINDOWS)
              .map(([pinnedAt, w]) => ({ pinnedAt, lastSeenAt: w.lastSeenAt, ...reach(w) })),
            windowsLeftOut: Math.max(0, windows.length - MAX_WINDOWS),
            estimated: t.impressed.estimated || t.clickers.estimated,
          };
        }),
        productsLeftOut: leftOut,
      };
    },
    pinnedAt(minute) {
      const pinned: string[] = [];
      for (const [product, t] of byProduct)
        for (const [pinnedAt, w] of t.windows)
          if (minuteOf(pinnedAt) <= minute && minuteOf(w.lastSeenAt) >= minute) {
            pinned.push(product);
            break;
          }
      return pinned.sort();
    },
  };
}
