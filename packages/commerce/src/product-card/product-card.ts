import {
  AnnounceController,
  dispatchIntent,
  formatCountdown,
  formatMoney,
  formatNumber,
  jsonAttribute,
  OnairElement,
  StaticSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { CommerceEvents } from '../events.js';
import { attributedHref } from '../model/attribution.js';
import type { ProductRecord } from '../model/product.js';
import type { ProductInput } from '../model/schema.js';
import { commerceMessage } from '../shared/commerce.messages.js';
import { discountText, safeImage } from '../shared/money.js';
import { PopoverController } from '../shared/popover.js';
import { ProductActions, type ProductContext } from '../shared/product-actions.js';
import { ProductImpressionController } from '../shared/product-impressions.js';
import { productCardStyles } from './product-card.styles.js';
import { type CardSelector, type CardStore, type CardView, createCardStore } from './product-card-store.js';

type MessageKey = Parameters<typeof commerceMessage>[1];

/**
 * A live product card: image, title, selling points, price with original price and discount,
 * stock, flash-sale countdown and sold-out state, with add-to-cart / buy-now intents the host
 * answers, or a plain attributed link. Shows a room product (`product`), the product pinned in a
 * "now explaining" slot (`pinned`, `index`), or a static `config`.
 *
 * @tag onair-product-card
 * @summary Live commerce product card.
 * @event {CustomEvent<ProductClickDetail>} onair-product-click - Cancelable: the viewer opened the product (title). Default: link mode navigates, else the details open. `detail: { productId, href, pinned, source }`.
 * @event {CustomEvent<CartIntentDetail>} onair-add-to-cart - Cancelable intent; answer with `detail.respondWith({ ok, message })`. `detail: { productId, variant, quantity, price, pinned, source, respondWith }`.
 * @event {CustomEvent<CartIntentDetail>} onair-buy-now - Cancelable intent, same detail and answer as `onair-add-to-cart`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - Invalid config, or a cart answer that failed. `detail: { code, message, path }`.
 * @csspart base - The card's box.
 * @csspart media - Image area (holds the badge and the sold-out label).
 * @csspart image - The product image.
 * @csspart badge - The "now explaining" (讲解中) badge.
 * @csspart title - The product title (a button, or a link in link mode).
 * @csspart tags - The selling-point tags.
 * @csspart price - The selling price.
 * @csspart original-price - The crossed-out original price.
 * @csspart discount - The discount badge.
 * @csspart stock - Stock left / low-stock hint.
 * @csspart countdown - The flash-sale countdown.
 * @csspart sold-out - The sold-out label over the image.
 * @csspart actions - The row of buttons.
 * @csspart details-button - Opens the details popover.
 * @csspart add-to-cart - The add-to-cart button.
 * @csspart buy-now - The buy-now button (or link in link mode).
 * @csspart status - The host's answer ("Added to cart").
 * @csspart popover - The details popover.
 * @cssproperty --onair-product-card-accent - Price and buy-now color.
 * @cssproperty --onair-product-card-badge-color - "Now explaining" badge background.
 * @cssproperty --onair-product-card-image-size - Image edge length (default 88px).
 */
export class OnairProductCard extends OnairElement {
  static override styles = [...OnairElement.styles, productCardStyles];
  static override telemetryKind = 'product-card';

  /** Id of the room product to show. */
  @property({ attribute: 'product', reflect: true }) productId = '';

  /** Show the product pinned in slot `index` ("now explaining"), live. */
  @property({ type: Boolean, reflect: true }) pinned = false;

  /** Pin slot 1–3 shown in `pinned` mode. */
  @property({ type: Number, reflect: true }) index = 1;

  /** Link mode: the buy button is a link to the product's `href` with attribution appended. */
  @property({ type: Boolean, reflect: true }) link = false;

  /** Campaign for `utm_campaign` in link mode. */
  @property({ reflect: true }) campaign = '';

  /** A static product (object, or JSON in the attribute), for embeds without a room. */
  @property({ converter: jsonAttribute })
  config?: ProductInput | unknown;

  private store: CardStore | null = null;
  private readonly view = new StoreController<CardView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 5000);
  private readonly details = new PopoverController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('[part~="popover"]'),
    (open) => {
      const product = this.view.value?.product;
      if (open && product) this.widgetTelemetry?.send('product.detail_open', this.telemetryProps(product));
    },
  );
  private readonly impressions = new ProductImpressionController(
    this,
    'card',
    () => {
      const view = this.view.value;
      return view?.product
        ? {
            product: view.product.id,
            position: view.pinSlot ?? 1,
            pinned: view.pinned,
            window: view.pinnedAt,
          }
        : null;
    },
    { tracker: () => this.tracker, send: (props) => this.widgetTelemetry?.send('product.impression', props) },
  );
  private readonly actions = new ProductActions({
    source: 'card',
    emitClick: (detail) => this.emit(CommerceEvents.productClick, detail, { cancelable: true }),
    intent: (name, fields) => dispatchIntent(this, name, fields),
    send: (type, props) => this.widgetTelemetry?.send(type, props),
    fail: (code, message) => this.reportActionFailure(code, message),
    clear: () => this.clearFailure(),
    announce: (text) => this.announcer.announce(text, true),
    locale: () => this.locale,
  });
  /** The last product shown, kept while an unpinned card fades out (no layout shift). */
  private lastProduct: ProductRecord | null = null;
  private lastView: CardView | null = null;
  private shownKey = '';
  private lastSoldOut: string | null = null;
  /** The room's products, or a static product's own in-page room (its code loaded on demand). */
  private readonly source = new StaticSourceController<CardStore>(this, {
    load: async () => {
      const { staticProduct, describe } = await import('../shared/static-products.js');
      return { serve: staticProduct, describe };
    },
    create: (channel, id) => createCardStore(channel, id !== undefined ? { productId: id } : this.selector()),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => this.t('noRoom'),
    locale: () => this.locale,
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });

  protected override willUpdate(): void {
    const live = this.config === undefined;
    const selector = this.selector();
    this.source.serve(this.config, this.roomContext?.channel ?? null, live ? JSON.stringify(selector) : '');
    if (live && this.source.channel && 'productId' in selector && !selector.productId)
      this.reportInvalidConfig([{ path: 'product', message: this.t('noProduct') }]);
    this.track();
  }

  /** Which product a live card shows: the one in pin slot `index`, or the one named `product`. */
  private selector(): CardSelector {
    return this.pinned ? { pinIndex: clampSlot(this.index) } : { productId: this.productId };
  }

  protected override updated(): void {
    const base = this.renderRoot.querySelector('[part~="base"]');
    this.impressions.sync(base && this.view.value?.product ? [base] : []);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.shownKey = '';
  }

  /** Open/close telemetry and the polite announcements that follow the shown product. */
  private track(): void {
    const view = this.view.value;
    const product = view?.product ?? null;
    if (product) {
      this.lastProduct = product;
      this.lastView = view;
    }
    const key = product ? `${product.id}@${view?.pinnedAt ?? ''}` : '';
    if (key !== this.shownKey) {
      if (this.shownKey) this.widgetTelemetry?.close('replaced', { product: this.shownKey.split('@')[0] });
      if (product) {
        this.widgetTelemetry?.open(this.telemetryProps(product));
        if (this.shownKey && this.pinned)
          this.announcer.announce(`${this.t('nowExplaining')}: ${product.title}`);
      }
      if (!product) this.details.close(false);
      this.shownKey = key;
    }
    const soldOut = product && view?.soldOut ? product.id : null;
    if (soldOut && this.lastSoldOut === null && this.shownKey === key && this.hasUpdated && product)
      this.announcer.announce(this.t('nowSoldOut', { title: product.title }), true);
    this.lastSoldOut = soldOut;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return commerceMessage(this.locale, key, params);
  }

  private context(product: ProductRecord): ProductContext {
    const view = this.view.value;
    return {
      product,
      position: view?.pinSlot ?? 1,
      pinned: view?.pinned ?? false,
      window: view?.pinnedAt ?? null,
    };
  }

  private telemetryProps(product: ProductRecord): Record<string, unknown> {
    const { position, pinned, window } = this.context(product);
    return { product: product.id, position, pinned, window };
  }

  private href(product: ProductRecord): string | null {
    return attributedHref(product.href, {
      room: this.roomContext?.room ?? this.source.channel?.room ?? '',
      product: product.id,
      campaign: this.campaign || undefined,
    });
  }

  private onTitle(event: Event, product: ProductRecord): void {
    const href = this.link ? this.href(product) : null;
    if (!this.actions.click(this.context(product), href ? 'link' : 'title', href)) {
      event.preventDefault();
      return;
    }
    if (!href) void this.details.open(event.currentTarget as HTMLElement);
  }

  private cart(action: 'add' | 'buy'): void {
    const view = this.view.value;
    const store = this.store;
    if (!view?.product || !store) return;
    const ctx = { ...this.context(view.product), variant: view.variant, quantity: view.quantity };
    void this.actions.intent(action, ctx, (status) => store.setCart(status), this.href(view.product));
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    if (!view || (!view.loaded && !view.product))
      return html`<div part="base" class=${this.baseClass} data-empty><p class="hint">${this.t('waiting')}</p></div>`;
    const product = view.product;
    if (!product) {
      // Unpinned: the last product fades out in place; a card for a gone product says so.
      if (this.pinned)
        return html`<div part="base" class=${this.baseClass} data-empty aria-hidden="true" inert>
          ${this.lastProduct ? this.renderCard(this.lastProduct, this.lastView) : nothing}
        </div>${this.announcer.render()}`;
      return html`<div part="base" class=${this.baseClass}><p class="hint">${this.t('unavailable')}</p>${this.announcer.render()}</div>`;
    }
    return html`<div
        part="base"
        class=${this.baseClass}
        ?data-sold-out=${view.soldOut}
        ?data-pinned=${view.pinned}
        aria-busy=${view.cart.state === 'pending'}
      >
        ${keyed(product.id, this.renderCard(product, view))} ${this.renderActionFailure()}
      </div>
      ${this.details.isOpen ? this.renderPopover(product, view) : nothing} ${this.announcer.render()}`;
  }

  private renderCard(product: ProductRecord, view: CardView | null): TemplateResult {
    const image = safeImage(product.image);
    const href = this.link ? this.href(product) : null;
    const titleId = 'title';
    return html`<div class="card">
      <div part="media">
        ${image ? html`<img part="image" src=${image} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" />` : html`<span part="image" class="placeholder"></span>`}
        ${view?.pinned ? html`<span part="badge">${this.t('nowExplaining')}</span>` : nothing}
        ${view?.soldOut ? html`<span part="sold-out">${this.t('soldOut')}</span>` : nothing}
      </div>
      <div class="body">
        ${
          href
            ? html`<a part="title" id=${titleId} href=${href} target="_blank" rel="noopener" @click=${(e: Event) => this.onTitle(e, product)}
                >${product.title}<span class="visually-hidden"> ${this.t('opensNewTab')}</span></a
              >`
            : html`<button part="title" id=${titleId} type="button" aria-haspopup="dialog" aria-expanded=${this.details.isOpen}
                @click=${(e: Event) => this.onTitle(e, product)}>${product.title}</button>`
        }
        ${product.tags.length ? html`<ul part="tags">${product.tags.map((tag) => html`<li>${tag}</li>`)}</ul>` : nothing}
        ${this.renderPrices(product, view)} ${view ? this.renderMeta(view) : nothing}
        ${view ? this.renderActions(product, view, href, titleId, false) : nothing}
      </div>
    </div>`;
  }

  private renderPrices(product: ProductRecord, view: CardView | null): TemplateResult {
    const original = product.originalPrice;
    const discount = view?.discountPercent ?? null;
    return html`<p class="prices">
      <span part="price">${formatMoney(product.price, this.locale)}</span>
      ${
        original && discount !== null
          ? html`<s part="original-price"><span class="visually-hidden">${this.t('originalPrice', { price: '' })}</span>${formatMoney(original, this.locale)}</s>
            <span part="discount" aria-label=${discountText(this.locale, discount, true)}>${discountText(this.locale, discount)}</span>`
          : nothing
      }
    </p>`;
  }

  private renderMeta(view: CardView): TemplateResult | typeof nothing {
    const product = view.product!;
    const stock =
      view.lowStock && product.stock !== null
        ? html`<span part="stock" data-low>${this.t('onlyLeft', { n: formatNumber(product.stock, this.locale) })}</span>`
        : nothing;
    const countdown =
      view.flashRemainingMs !== null
        ? html`<span part="countdown" role="timer" aria-live="off">${this.t('flashEndsIn', { time: formatCountdown(view.flashRemainingMs) })}</span>`
        : nothing;
    if (stock === nothing && countdown === nothing) return nothing;
    return html`<p class="meta">${countdown} ${stock}</p>`;
  }

  private renderActions(
    product: ProductRecord,
    view: CardView,
    href: string | null,
    labelledBy: string,
    inPopover: boolean,
  ): TemplateResult {
    const cart = view.cart;
    const pending = cart.state === 'pending';
    const disabled = view.soldOut || pending;
    const status = cart.state === 'done' && cart.ok ? cart.message : '';
    let buttons: TemplateResult;
    if (this.link)
      buttons =
        href && !view.soldOut
          ? html`<a part="buy-now" href=${href} target="_blank" rel="noopener" aria-describedby=${labelledBy}
              @click=${(e: Event) => this.onLink(e, product, href)}
              >${this.t('shop')}<span class="visually-hidden"> ${this.t('opensNewTab')}</span></a>`
          : html`<button part="buy-now" type="button" disabled>${view.soldOut ? this.t('soldOut') : this.t('shop')}</button>`;
    else
      buttons = html`<button part="add-to-cart" type="button" ?disabled=${disabled} aria-describedby=${labelledBy}
          @click=${() => this.cart('add')}>
          ${pending && cart.action === 'add' ? this.t('adding') : this.t('addToCart')}
        </button>
        <button part="buy-now" type="button" ?disabled=${disabled} aria-describedby=${labelledBy} @click=${() => this.cart('buy')}>
          ${view.soldOut ? this.t('soldOut') : this.t('buyNow')}
        </button>`;
    return html`<div part="actions">
        ${
          inPopover
            ? nothing
            : html`<button part="details-button" type="button" aria-haspopup="dialog" aria-expanded=${this.details.isOpen}
                aria-describedby=${labelledBy} @click=${(e: Event) => void this.details.open(e.currentTarget as HTMLElement)}>
                ${this.t('details')}
              </button>`
        }
        ${buttons}
      </div>
      ${inPopover ? nothing : html`<p part="status" role="status">${status}</p>`}`;
  }

  private onLink(event: Event, product: ProductRecord, href: string): void {
    if (!this.actions.click(this.context(product), 'link', href)) event.preventDefault();
  }

  private renderPopover(product: ProductRecord, view: CardView): TemplateResult {
    const image = safeImage(product.image);
    return html`<div part="popover" class=${this.baseClass} role="dialog" aria-labelledby="popover-title" tabindex="-1">
      <div class="popover-head">
        <h2 id="popover-title">${product.title}</h2>
        <button type="button" class="close" aria-label=${this.t('close')} @click=${() => this.details.close()}>×</button>
      </div>
      ${image ? html`<img src=${image} alt="" class="popover-image" referrerpolicy="no-referrer" />` : nothing}
      ${product.description ? html`<p class="description">${product.description}</p>` : nothing}
      ${this.renderPrices(product, view)} ${this.renderMeta(view)}
      ${
        product.variants.length
          ? html`<label class="field">${this.t('variant')}
              <select @change=${(e: Event) => this.store?.chooseVariant((e.target as HTMLSelectElement).value)}>
                ${product.variants.map((v) => html`<option value=${v.id} ?selected=${v.id === view.variant}>${v.label}</option>`)}
              </select></label>`
          : nothing
      }
      ${
        this.link
          ? nothing
          : html`<label class="field">${this.t('quantity')}
              <input type="number" inputmode="numeric" min="1" max=${view.maxQuantity} .value=${String(view.quantity)}
                @change=${(e: Event) => this.store?.setQuantity(Number((e.target as HTMLInputElement).value))} /></label>`
      }
      ${this.renderActions(product, view, this.link ? this.href(product) : null, 'popover-title', true)}
    </div>`;
  }
}

function clampSlot(index: number): number {
  return Math.min(3, Math.max(1, Math.round(index) || 1));
}
