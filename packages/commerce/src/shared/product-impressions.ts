/**
 * `product.impression`: a product at least half visible for at least a second, once per product
 * per presentation window per surface (card or shelf) per tracker. The window is the product's
 * `pinnedAt` while it is pinned, else "unpinned" — so pinning a product starts a new window and
 * CTR per window needs no join with the ops log. Works for one card or hundreds of shelf rows.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ImpressionInfo {
  product: string;
  /** 1-based position in the surface (pin slot on a card, row in the shelf). */
  position: number;
  pinned: boolean;
  /** `pinnedAt` (epoch ms) of the presentation window, or null while not pinned. */
  window: number | null;
}

export type ImpressionSurface = 'card' | 'shelf';

/** Where impressions go: the tracker is also the dedupe scope. */
export interface ImpressionSink {
  tracker(): object | null;
  send(props: Record<string, unknown>): void;
}

const VISIBLE_RATIO = 0.5;
const IMPRESSION_MS = 1000;

/** Keys already reported, per tracker: a new tracker (a new page, a test) starts afresh. */
const reported = new WeakMap<object, Set<string>>();

interface Watched {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Key the running timer counts for. */
  key: string;
  visible: boolean;
}

export class ProductImpressionController implements ReactiveController {
  private readonly surface: ImpressionSurface;
  private readonly infoOf: (el: Element) => ImpressionInfo | null;
  private readonly sink: ImpressionSink;
  private observer: IntersectionObserver | null = null;
  private readonly watched = new Map<Element, Watched>();

  constructor(
    host: ReactiveControllerHost,
    surface: ImpressionSurface,
    infoOf: (el: Element) => ImpressionInfo | null,
    sink: ImpressionSink,
  ) {
    this.surface = surface;
    this.infoOf = infoOf;
    this.sink = sink;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver((entries) => this.onVisibility(entries), {
      threshold: [0, VISIBLE_RATIO],
    });
    for (const el of this.watched.keys()) this.observer.observe(el);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    for (const state of this.watched.values()) clearTimeout(state.timer);
    this.watched.clear();
  }

  /** Watches exactly these elements (call after each render); re-arms when a window changed. */
  sync(elements: Iterable<Element>): void {
    const keep = new Set(elements);
    for (const [el, state] of this.watched)
      if (!keep.has(el)) {
        clearTimeout(state.timer);
        this.observer?.unobserve(el);
        this.watched.delete(el);
      }
    for (const el of keep) {
      const state = this.watched.get(el);
      if (!state) {
        this.watched.set(el, { timer: undefined, key: '', visible: false });
        this.observer?.observe(el);
      } else if (state.visible && this.keyOf(el) !== state.key) this.arm(el, state);
    }
  }

  private keyOf(el: Element): string {
    const info = this.infoOf(el);
    return info ? `${this.surface}|${info.product}|${info.window ?? 'unpinned'}` : '';
  }

  private onVisibility(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const state = this.watched.get(entry.target);
      if (!state) continue;
      const visible = entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO;
      if (visible && !state.visible) {
        state.visible = true;
        this.arm(entry.target, state);
      } else if (!visible && state.visible) {
        state.visible = false;
        clearTimeout(state.timer);
        state.key = '';
      }
    }
  }

  private arm(el: Element, state: Watched): void {
    clearTimeout(state.timer);
    state.key = this.keyOf(el);
    if (!state.key) return;
    state.timer = setTimeout(() => {
      const info = this.infoOf(el);
      const key = this.keyOf(el);
      if (!info || !state.visible || key !== state.key) return;
      this.report(key, info);
    }, IMPRESSION_MS);
  }

  private report(key: string, info: ImpressionInfo): void {
    const scope = this.sink.tracker();
    if (!scope) return; // nothing is marked as reported without a tracker to report to
    let seen = reported.get(scope);
    if (!seen) {
      seen = new Set();
      reported.set(scope, seen);
    }
    if (seen.has(key)) return;
    seen.add(key);
    this.sink.send({
      product: info.product,
      position: info.position,
      pinned: info.pinned,
      window: info.window,
      surface: this.surface,
      visibleRatio: VISIBLE_RATIO,
      afterMs: IMPRESSION_MS,
    });
  }
}
