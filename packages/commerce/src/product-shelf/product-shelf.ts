import {
  AnnounceController,
  cssProps,
  dispatchIntent,
  formatMoney,
  formatNumber,
  jsonAttribute,
  OnairElement,
  StaticSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CommerceEvents } from '../events.js';
import { attributedHref } from '../model/attribution.js';
import type { ShelfConfigInput } from '../model/schema.js';
import { commerceMessage } from '../shared/commerce.messages.js';
import { discountText, safeImage } from '../shared/money.js';
import { ProductActions, type ProductContext } from '../shared/product-actions.js';
import { ProductImpressionController } from '../shared/product-impressions.js';
import { productShelfStyles } from './product-shelf.styles.js';
import { createShelfStore, type ShelfRow, type ShelfStore, type ShelfView } from './product-shelf-store.js';
import { visibleRows } from './windowing.js';

type MessageKey = Parameters<typeof commerceMessage>[1];

/** Row height in px: fixed, so the list can render only the rows on screen. */
const ROW_HEIGHT = 84;
const SEARCH_DEBOUNCE_MS = 150;

/**
 * The bag (购物袋): a floating button with the product count that opens a panel listing the room's
 * products, pinned ("now explaining") first, searchable, cheap at 500 products (only visible rows
 * are rendered). Rows fire the same intents as `<onair-product-card>`.
 *
 * @tag onair-product-shelf
 * @summary Live commerce product list behind a floating bag button.
 * @event {CustomEvent<ProductClickDetail>} onair-product-click - Cancelable: the viewer opened a product (its title). `detail: { productId, href, pinned, source }`.
 * @event {CustomEvent<CartIntentDetail>} onair-add-to-cart - Cancelable intent; answer with `detail.respondWith({ ok, message })`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - Invalid config, or a cart answer that failed. `detail: { code, message, path }`.
 * @csspart base - The shelf's box (button and panel).
 * @csspart toggle - The floating bag button.
 * @csspart count - The count badge on the button.
 * @csspart panel - The product panel.
 * @csspart search - The search field.
 * @csspart list - The scrolling list.
 * @csspart row - One product row.
 * @csspart badge - The "now explaining" badge of a pinned row.
 * @csspart add-to-cart - A row's add-to-cart button (a link in link mode).
 * @cssproperty --onair-product-shelf-accent - Button, badge and price color.
 * @cssproperty --onair-product-shelf-panel-height - Panel height (default min(70vh, 32rem)).
 */
export class OnairProductShelf extends OnairElement {
  static override styles = [...OnairElement.styles, productShelfStyles];
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
    noRoom: () => this.t('noRoom').replace('card', 'shelf'),
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
    this.impressions.sync(this.open ? this.renderRoot.querySelectorAll('[part~="row"]') : []);
    // Focus in the next frame: focusing now would force style and layout into the render's task.
    if (changed.has('open') && this.open && changed.get('open') !== undefined)
      requestAnimationFrame(() =>
        this.renderRoot.querySelector<HTMLInputElement>('[part~="search"]')?.focus(),
      );
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

  private toggle(open = !this.open): void {
    if (open === this.open) return;
    this.open = open;
    if (!open) this.renderRoot.querySelector<HTMLElement>('[part~="toggle"]')?.focus();
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.toggle(false);
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
    if (!store) return;
    const ctx = { ...this.context(row), variant: row.product.variants[0]?.id ?? null, quantity: 1 };
    void this.actions.intent('add', ctx, (status) => store.setCart(row.product.id, status), this.href(row));
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    const total = view?.total ?? 0;
    return html`<div part="base" class=${this.baseClass} @keydown=${this.onKeydown}>
      <button
        part="toggle"
        type="button"
        aria-expanded=${this.open}
        aria-controls="panel"
        aria-label=${this.t('bagCount', { n: total })}
        @click=${() => this.toggle()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24">
          <path d="M6 7h12l1 13H5L6 7Zm3 0a3 3 0 0 1 6 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
        </svg>
        <span part="count" aria-hidden="true">${total < 1000 ? String(total) : formatNumber(total, this.locale)}</span>
      </button>
      <div part="panel" id="panel" role="dialog" aria-label=${this.t('bag')} ?hidden=${!this.open}>
        ${this.open ? this.renderPanel(view) : nothing}
      </div>
      ${this.announcer.render()}
    </div>`;
  }

  private renderPanel(view: ShelfView | null): TemplateResult {
    const rows = view?.rows ?? [];
    const { start, end } = visibleRows(
      this.listScrollTop,
      this.viewportHeight || 400,
      ROW_HEIGHT,
      rows.length,
    );
    return html`<div class="head">
        <h2>${this.t('bag')}</h2>
        <button type="button" class="close" aria-label=${this.t('close')} @click=${() => this.toggle(false)}>×</button>
      </div>
      <input part="search" type="search" aria-label=${this.t('search')} placeholder=${this.t('search')}
        maxlength="80" autocomplete="off" @input=${this.onSearch} />
      <p class="count" role="status" aria-live="polite">
        ${view?.query ? (rows.length ? this.t('results', { n: rows.length }) : this.t('noResults')) : !view?.total ? this.t('empty') : ''}
      </p>
      ${this.renderActionFailure()}
      <div part="list" @scroll=${this.onScroll}>
        <ul class="rows" aria-label=${this.t('bag')} ${cssProps({ '--_total': `${rows.length * ROW_HEIGHT}px` })}>
          ${repeat(
            rows.slice(start, end),
            (row) => row.product.id,
            (row, i) => this.renderRow(row, start + i, rows.length),
          )}
        </ul>
      </div>`;
  }

  private renderRow(row: ShelfRow, index: number, count: number): TemplateResult {
    const { product } = row;
    const image = safeImage(product.image);
    const href = this.link ? this.href(row) : null;
    const titleId = `row-${product.id}`;
    const cart = row.cart;
    const status = cart.state === 'done' && cart.ok ? cart.message : '';
    return html`<li part="row" data-product=${product.id} aria-setsize=${count} aria-posinset=${index + 1}
      ?data-sold-out=${row.soldOut} ${cssProps({ '--_y': `${index * ROW_HEIGHT}px` })}>
      ${image ? html`<img src=${image} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" />` : html`<span class="placeholder"></span>`}
      <div class="info">
        ${row.pinned ? html`<span part="badge">${this.t('nowExplaining')}</span>` : nothing}
        ${
          href
            ? html`<a class="title" id=${titleId} href=${href} target="_blank" rel="noopener"
                @click=${(e: Event) => (this.actions.click(this.context(row), 'link', href) ? undefined : e.preventDefault())}>${product.title}</a>`
            : html`<button class="title" id=${titleId} type="button" @click=${() => this.actions.click(this.context(row), 'title', null)}>${product.title}</button>`
        }
        <span class="price">
          ${formatMoney(product.price, this.locale)}
          ${row.discountPercent !== null ? html`<small>${discountText(this.locale, row.discountPercent)}</small>` : nothing}
          ${row.soldOut ? html`<small class="sold-out">${this.t('soldOut')}</small>` : row.lowStock && product.stock !== null ? html`<small class="low">${this.t('onlyLeft', { n: product.stock })}</small>` : nothing}
          ${status ? html`<small class="ok">${status}</small>` : nothing}
        </span>
      </div>
      ${
        this.link
          ? nothing
          : html`<button part="add-to-cart" type="button" aria-describedby=${titleId}
              ?disabled=${row.soldOut || cart.state === 'pending'} @click=${() => this.add(row)}>
              ${cart.state === 'pending' ? this.t('adding') : this.t('addToCart')}
            </button>`
      }
    </li>`;
  }
}
