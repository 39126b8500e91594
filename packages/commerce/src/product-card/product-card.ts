import {
  AnnounceController,
  dispatchIntent,
  jsonAttribute,
  keepFocus,
  OnairElement,
  StaticSourceController,
  StoreController,
  sheetStyles,
} from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { CommerceEvents } from '../events.js';
import { attributedHref } from '../model/attribution.js';
import type { ProductRecord } from '../model/product.js';
import type { ProductInput } from '../model/schema.js';
import { commerceMessage } from '../shared/commerce.messages.js';
import { DetailsController } from '../shared/details.js';
import { type CartAction, ProductActions, type ProductContext } from '../shared/product-actions.js';
import { ProductImpressionController } from '../shared/product-impressions.js';
import { type DetailsChoice, renderDetails } from '../shared/product-view.js';
import { productViewStyles } from '../shared/product-view.styles.js';
import { cardMessage } from './card.messages.js';
import { productCardStyles } from './product-card.styles.js';
import { type CardSelector, type CardStore, type CardView, createCardStore } from './product-card-store.js';
import { type CardContext, renderCard, renderPopover } from './product-card-view.js';

type MessageKey = Parameters<typeof commerceMessage>[1];

/** The schema's PROMOTION_MAX, not imported: that module would bring the validator into the card. */
const PROMOTION_CHARS = 40;
/**
 * A live product card: image, title, selling points, price with original price and discount,
 * stock, flash-sale countdown and sold-out state, with add-to-cart / buy-now intents the host
 * answers, or a plain attributed link. Shows a room product (`product`), the product pinned in a
 * "now explaining" slot (`pinned`, `index`), or a static `config`.
 *
 * Below 360 px of width (its own, not the viewport's) it is a compact overlay card — image, two
 * lines of title, price with the discount, one action — whose details open as a bottom sheet;
 * wider, it shows every action and opens details in a popover anchored to it.
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
 * @csspart sold - Units sold, when the product record carries them.
 * @csspart promotion - A coupon or promotion line, when the product record carries one.
 * @csspart countdown - The flash-sale countdown.
 * @csspart sold-out - The sold-out label over the image.
 * @csspart actions - The row of buttons.
 * @csspart details-button - Opens the details popover.
 * @csspart add-to-cart - The add-to-cart button.
 * @csspart buy-now - The buy-now button (or link in link mode).
 * @csspart status - The host's answer ("Added to cart"), cleared after 3 s; overlays, never moves the card.
 * @csspart popover - The details popover (wide cards).
 * @csspart sheet - The details bottom sheet (compact cards).
 * @cssproperty --onair-product-card-accent - Price and buy-now color.
 * @cssproperty --onair-product-card-badge-color - "Now explaining" badge background.
 * @cssproperty --onair-product-card-image-size - Image edge length (default 88px).
 */
export class OnairProductCard extends OnairElement {
  static override styles = [...OnairElement.styles, sheetStyles, productViewStyles, productCardStyles];
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

  /**
   * A promotion line shown instead of the product's own (an A/B variation a campaign's
   * `<onair-slot>` sets); cut to the product schema's length. Empty: the product's own.
   */
  @property({ reflect: true }) promotion = '';

  /** A static product (object, or JSON in the attribute), for embeds without a room. */
  @property({ converter: jsonAttribute })
  config?: ProductInput | unknown;

  private store: CardStore | null = null;
  private readonly view = new StoreController<CardView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 5000);
  private readonly details = new DetailsController(this, (open) => {
    const product = this.view.value?.product;
    if (open && product) this.widgetTelemetry?.send('product.detail_open', this.telemetryProps(product));
  });
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
    noRoom: () => cardMessage(this.locale, 'noRoom'),
    locale: () => this.locale,
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });

  protected override willUpdate(): void {
    const live = this.config === undefined;
    const selector = this.selector();
    this.source.serve(this.config, this.roomContext?.channel ?? null, live ? JSON.stringify(selector) : '');
    if (live && this.source.channel && 'productId' in selector && !selector.productId)
      this.reportInvalidConfig([{ path: 'product', message: cardMessage(this.locale, 'noProduct') }]);
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
      this.announcer.announce(cardMessage(this.locale, 'nowSoldOut', { title: product.title }), true);
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

  private cart(action: CartAction): void {
    const view = this.view.value;
    const store = this.store;
    if (!view?.product || !store) return;
    const ctx = { ...this.context(view.product), variant: view.variant, quantity: view.quantity };
    const pressed = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    void keepFocus(
      this,
      () => this.actions.intent(action, ctx, (status) => store.setCart(status), this.href(view.product!)),
      () => (pressed?.isConnected ? pressed : this.renderRoot.querySelector<HTMLElement>('[part~="title"]')),
    );
  }

  private viewContext(product: ProductRecord): CardContext {
    return {
      locale: this.locale,
      link: this.link,
      href: this.link ? this.href(product) : null,
      cart: (action) => this.cart(action),
      onLink: (event, href) => this.onLink(event, product, href),
      detailsOpen: this.details.isOpen,
      onTitle: (event) => this.onTitle(event, product),
      openDetails: (trigger) => void this.details.open(trigger),
      closeDetails: () => this.details.close(),
    };
  }

  private onLink(event: Event, product: ProductRecord, href: string): void {
    if (!this.actions.click(this.context(product), 'link', href)) event.preventDefault();
  }

  private choice(view: CardView): DetailsChoice {
    const store = this.store;
    return {
      variant: view.variant,
      quantity: view.quantity,
      maxQuantity: view.maxQuantity,
      chooseVariant: (id) => store?.chooseVariant(id),
      setQuantity: (n) => store?.setQuantity(n),
    };
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    if (!view || (!view.loaded && !view.product))
      return html`<div part="base" class=${this.baseClass} data-empty><p class="hint">${cardMessage(this.locale, 'waiting')}</p></div>`;
    const product =
      view.product && this.promotion
        ? { ...view.product, promotion: this.promotion.slice(0, PROMOTION_CHARS) }
        : view.product;
    if (!product) {
      // Unpinned: the last product fades out in place; a card for a gone product says so.
      const last = this.lastProduct;
      if (this.pinned)
        return html`<div part="base" class=${this.baseClass} data-empty aria-hidden="true" inert>
          ${last ? renderCard(last, this.lastView as Shown | null, !!this.lastView?.pinned, this.viewContext(last)) : nothing}
        </div>${this.announcer.render()}`;
      return html`<div part="base" class=${this.baseClass}><p class="hint">${cardMessage(this.locale, 'unavailable')}</p>${this.announcer.render()}</div>`;
    }
    const shown = (product === view.product ? view : { ...view, product }) as Shown;
    const ctx = this.viewContext(product);
    const cart = view.cart;
    return html`<div part="base" class=${this.baseClass} ?data-sold-out=${view.soldOut} ?data-pinned=${view.pinned}
        aria-busy=${cart.state === 'pending'}>
        ${keyed(product.id, renderCard(product, shown, view.pinned, ctx))} ${this.renderActionFailure()}
        <p part="status">${cart.state === 'done' && cart.ok ? cart.message : ''}</p>
        ${this.details.popover.isOpen ? renderPopover(product, shown, this.choice(view), ctx) : nothing}
        ${this.details.sheet.render({
          title: product.title,
          closeLabel: this.t('close'),
          body: () => renderDetails(shown, this.choice(view), ctx, 'details-title'),
        })}
      </div>
      ${this.announcer.render()}`;
  }
}

/** A card view whose product is there. */
type Shown = CardView & { product: ProductRecord };

function clampSlot(index: number): number {
  return Math.min(3, Math.max(1, Math.round(index) || 1));
}
