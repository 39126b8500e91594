import {
  AnnounceController,
  cssProps,
  dispatchIntent,
  formatMoney,
  formatNumber,
  jsonAttribute,
  keepFocus,
  OnairElement,
  SheetController,
  StaticSourceController,
  StoreController,
  sheetStyles,
} from '@onair/core/element.js';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CommerceEvents } from '../events.js';
import { attributedHref } from '../model/attribution.js';
import type { ShelfConfigInput } from '../model/schema.js';
import { commerceMessage } from '../shared/commerce.messages.js';
import { ProductActions, type ProductContext } from '../shared/product-actions.js';
import { ProductImpressionController } from '../shared/product-impressions.js';
import { productViewStyles } from '../shared/product-view.styles.js';
import { productShelfStyles } from './product-shelf.styles.js';
import { createShelfStore, type ShelfRow, type ShelfStore, type ShelfView } from './product-shelf-store.js';
import { shelfMessage } from './shelf.messages.js';
import { ShelfDetails } from './shelf-details.js';
import { ROW_HEIGHT, renderRow } from './shelf-row.js';
import { visibleRows } from './windowing.js';

type MessageKey = Parameters<typeof commerceMessage>[1];

const SEARCH_DEBOUNCE_MS = 150;
const SEARCH_MAX = 80;

/**
 * The bag (购物袋): a floating button with the product count that opens a bottom sheet listing the
 * room's products, pinned ("now explaining") first, searchable, cheap at 500 products (only visible
 * rows are rendered). A tap on a row opens that product's details in the sheet. Rows fire the same
 * intents as `<onair-product-card>`. The sheet is modal: drag handle, scrim, Tab stays inside,
 * Escape, a press on the scrim or a swipe down close it, and focus returns to the bag button.
 *
 * @tag onair-product-shelf
 * @summary Live commerce product list behind a floating bag button.
 * @event {CustomEvent<ProductClickDetail>} onair-product-click - Cancelable: the viewer opened a product (its title). `detail: { productId, href, pinned, source }`.
 * @event {CustomEvent<CartIntentDetail>} onair-add-to-cart - Cancelable intent; answer with `detail.respondWith({ ok, message })`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - Invalid config, or a cart answer that failed. `detail: { code, message, path }`.
 * @csspart base - The shelf's box (button and panel).
 * @csspart toggle - The floating bag button.
 * @csspart count - The count badge on the button.
 * @csspart sheet - The bottom sheet (a modal dialog).
 * @csspart panel - The product list area of the sheet.
 * @csspart search - The search field.
 * @csspart list - The scrolling list.
 * @csspart row - One product row.
 * @csspart badge - The "now explaining" badge of a pinned row.
 * @csspart add-to-cart - A row's add-to-cart button (a link in link mode).
 * @csspart status - The host's latest answer ("Added to cart"), cleared after 3 s.
 * @cssproperty --onair-product-shelf-accent - Button, badge and price color.
 * @cssproperty --onair-product-shelf-panel-height - Height of the product list area (default min(70dvh, 34rem)).
 */
export class OnairProductShelf extends OnairElement {
  static override styles = [...OnairElement.styles, sheetStyles, productViewStyles, productShelfStyles];
  static override telemetryKind = 'product-shelf';

  /** Whether the panel is open (also toggled by the viewer). */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Link mode: rows link to the product's `href` with attribution appended. */
  @property({ type: Boolean, reflect: true }) link = false;

  /** Campaign for `utm_campaign` in link mode. */
  @property({ reflect: true }) campaign = '';

  /** A static shelf `{ products, pinned? }` (object, or JSON in the attribute). */
  @property({ converter: jsonAttribute })
  config?: ShelfConfigInput | unknown;

  @state() private listScrollTop = 0;
  @state() private viewportHeight = 0;

  private store: ShelfStore | null = null;
  private readonly view = new StoreController<ShelfView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 2000);
  private readonly sheet = new SheetController(this, (open) => {
    this.open = open;
    if (!open) this.details.close();
  });
  private readonly details = new ShelfDetails(this, {
    channel: () => this.source.channel,
    actions: () => this.actions,
    shelf: () => this.store,
    href: (row) => this.href(row),
    send: (type, props) => this.widgetTelemetry?.send(type, props),
  });
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private scrollFrame = 0;
  private rowsById = new Map<string, ShelfRow>();
  private resizer: ResizeObserver | null = null;
  private observedList: HTMLElement | null = null;
  private warmed = false;
  private readonly impressions = new ProductImpressionController(
    this,
    'shelf',
    (el) => {
      const row = this.rowsById.get((el as HTMLElement).dataset.product ?? '');
      return row
        ? { product: row.product.id, position: row.position, pinned: row.pinned, window: row.pinnedAt }
        : null;
    },
    { tracker: () => this.tracker, send: (props) => this.widgetTelemetry?.send('product.impression', props) },
  );
  private readonly actions = new ProductActions({
    source: 'shelf',
    emitClick: (detail) => this.emit(CommerceEvents.productClick, detail, { cancelable: true }),
    intent: (name, fields) => dispatchIntent(this, name, fields),
    send: (type, props) => this.widgetTelemetry?.send(type, props),
    fail: (code, message) => this.reportActionFailure(code, message),
    clear: () => this.clearFailure(),
    announce: (text) => this.announcer.announce(text, true),
    locale: () => this.locale,
  });

  /** The room's products, or a static shelf's own in-page room (its code loaded on demand). */
  private readonly source = new StaticSourceController<ShelfStore>(this, {
    load: async () => {
      const { staticShelf, describe } = await import('../shared/static-products.js');
      return { serve: staticShelf, describe };
    },
    create: (channel) => createShelfStore(channel),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => shelfMessage(this.locale, 'noRoom'),
    locale: () => this.locale,
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.source.serve(this.config, this.roomContext?.channel ?? null);
    if (changed.has('open') && changed.get('open') !== undefined) {
      if (this.open) this.widgetTelemetry?.open({ products: this.view.value?.total ?? 0 });
      else this.widgetTelemetry?.close('closed');
    }
    this.rowsById = new Map((this.view.value?.rows ?? []).map((row) => [row.product.id, row]));
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Measured by a ResizeObserver, not read here: reading layout in `updated()` would force it
    // into the same task as the render.
    const list = this.renderRoot.querySelector<HTMLElement>('[part~="list"]');
    if (list !== this.observedList) {
      this.resizer?.disconnect();
      this.observedList = list;
      if (list) {
        this.resizer ??= new ResizeObserver(([entry]) => {
          this.viewportHeight = entry?.contentRect.height ?? 0;
        });
        this.resizer.observe(list);
      }
    }
    this.prewarm();
    this.impressions.sync(
      this.open && !this.details.id ? this.renderRoot.querySelectorAll('[part~="row"]') : [],
    );
    if (changed.has('open')) {
      if (this.open) void this.sheet.open(this.renderRoot.querySelector<HTMLElement>('[part~="toggle"]'));
      else this.sheet.close();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.observedList = null;
    clearTimeout(this.searchTimer);
    cancelAnimationFrame(this.scrollFrame);
  }

  /**
   * Creating a currency formatter costs tens of ms the first time (ICU data); do it while the
   * viewer has not opened the bag yet, so opening it stays under a long task.
   */
  private prewarm(): void {
    const first = this.view.value?.rows[0]?.product;
    if (this.warmed || this.open || !first) return;
    this.warmed = true;
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    idle(() => formatMoney(first.price, this.locale));
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return commerceMessage(this.locale, key, params);
  }

  private onSearch(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.store?.search(value);
      const list = this.renderRoot.querySelector<HTMLElement>('[part~="list"]');
      if (list) list.scrollTop = 0;
      this.listScrollTop = 0;
    }, SEARCH_DEBOUNCE_MS);
  }

  /** One re-render per frame however fast the viewer scrolls. */
  private onScroll(event: Event): void {
    const list = event.currentTarget as HTMLElement;
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.listScrollTop = list.scrollTop;
      this.viewportHeight = list.clientHeight;
    });
  }

  private context(row: ShelfRow): ProductContext {
    return { product: row.product, position: row.position, pinned: row.pinned, window: row.pinnedAt };
  }

  private href(row: ShelfRow): string | null {
    return attributedHref(row.product.href, {
      room: this.roomContext?.room ?? this.source.channel?.room ?? '',
      product: row.product.id,
      campaign: this.campaign || undefined,
    });
  }

  private add(row: ShelfRow): void {
    const store = this.store;
    if (!store || row.cart.state === 'pending') return;
    const ctx = { ...this.context(row), variant: row.product.variants[0]?.id ?? null, quantity: 1 };
    const id = row.product.id;
    void keepFocus(
      this,
      () => this.actions.intent('add', ctx, (status) => store.setCart(id, status), this.href(row)),
      () =>
        this.renderRoot.querySelector<HTMLElement>(
          `[data-product="${CSS.escape(id)}"] [part~="add-to-cart"]`,
        ),
    );
  }

  /** A tap on a row: the click intent, then (unless the host took it) the details in the sheet. */
  private openRow(event: Event, row: ShelfRow, href: string | null): void {
    if (!this.actions.click(this.context(row), href ? 'link' : 'title', href)) {
      event.preventDefault();
      return;
    }
    if (!href) this.details.show(row);
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    const total = view?.total ?? 0;
    const detail = this.details.product;
    return html`<div part="base" class=${this.baseClass}>
      <button part="toggle" class="sheet-opener" type="button" aria-haspopup="dialog" aria-expanded=${this.open} aria-controls="sheet"
        aria-label=${shelfMessage(this.locale, 'bagCount', { n: total })} @click=${() => (this.open = !this.open)}>
        <svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24">
          <path d="M6 7h12l1 13H5L6 7Zm3 0a3 3 0 0 1 6 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
        </svg>
        <span part="count" aria-hidden="true">${total < 1000 ? String(total) : formatNumber(total, this.locale)}</span>
      </button>
      ${this.sheet.render({
        title: detail?.title ?? shelfMessage(this.locale, 'bag'),
        closeLabel: this.t('close'),
        body: () => html`<div part="panel">
          ${this.renderList(view)} ${this.details.render(this.locale, this.link)}
          <p part="status">${view?.notice ?? ''}</p>
        </div>`,
      })}
      ${this.announcer.render()}
    </div>`;
  }

  private renderList(view: ShelfView | null): TemplateResult {
    const rows = view?.rows ?? [];
    const { start, end } = visibleRows(
      this.listScrollTop,
      this.viewportHeight || 400,
      ROW_HEIGHT,
      rows.length,
    );
    const query = view?.query ?? '';
    const count = query
      ? rows.length
        ? shelfMessage(this.locale, 'results', { n: rows.length })
        : shelfMessage(this.locale, 'noResults')
      : !view?.total
        ? shelfMessage(this.locale, 'empty')
        : '';
    return html`<div class="list-view" ?hidden=${!!this.details.id}>
      <input part="search" type="search" aria-label=${shelfMessage(this.locale, 'search')} placeholder=${shelfMessage(this.locale, 'search')}
        maxlength=${SEARCH_MAX} autocomplete="off" aria-describedby="count" @input=${this.onSearch} />
      <p class="count" id="count" role="status" aria-live="polite">
        ${query.length >= SEARCH_MAX ? shelfMessage(this.locale, 'searchLimit', { max: SEARCH_MAX }) : count}
      </p>
      ${this.renderActionFailure()}
      <div part="list" @scroll=${this.onScroll}>
        <ul class="rows" aria-label=${shelfMessage(this.locale, 'bag')} ${cssProps({ '--_total': `${rows.length * ROW_HEIGHT}px` })}>
          ${repeat(
            rows.slice(start, end),
            (row) => row.product.id,
            (row, i) =>
              renderRow(row, start + i, rows.length, {
                locale: this.locale,
                href: this.link ? this.href(row) : null,
                open: (event, href) => this.openRow(event, row, href),
                add: () => this.add(row),
              }),
          )}
        </ul>
      </div>
    </div>`;
  }
}
