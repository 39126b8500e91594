/**
 * How a product reads, shared by the card, its details and the shelf: prices (never broken
 * inside a number), the facts line (flash sale, stock, sold), the promotion, the cart buttons and
 * the details body (description, option, quantity with its limit in words).
 */
import { formatCountdown, formatMoney, formatNumber, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { ProductRecord } from '../model/product.js';
import { commerceMessage } from './commerce.messages.js';
import { discountText, safeImage } from './money.js';
import type { CartAction, CartStatus } from './product-actions.js';

type MessageKey = Parameters<typeof commerceMessage>[1];

/** What a product looks like right now, as the card and shelf stores say. */
export interface ProductShown {
  product: ProductRecord;
  soldOut: boolean;
  lowStock: boolean;
  discountPercent: number | null;
  flashRemainingMs: number | null;
  cart: CartStatus;
}

export interface ProductViewContext {
  locale: Locale;
  /** Link mode: the attributed product link (the buy button is this link), else null. */
  link: boolean;
  href: string | null;
  cart(action: CartAction): void;
  onLink(event: Event, href: string): void;
}

export const tr = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) =>
  commerceMessage(locale, key, params);

export function renderPrices(shown: ProductShown, locale: Locale): TemplateResult {
  const { product, discountPercent } = shown;
  const original = product.originalPrice;
  return html`<p class="prices">
    <span part="price">${formatMoney(product.price, locale)}</span>
    ${
      original && discountPercent !== null
        ? html`<span part="discount" aria-label=${discountText(locale, discountPercent, true)}>${discountText(locale, discountPercent)}</span>
          <s part="original-price"><span class="visually-hidden">${tr(locale, 'originalPrice', { price: '' })}</span>${formatMoney(original, locale)}</s>`
        : nothing
    }
  </p>`;
}

/** Flash-sale countdown, low stock and units sold: one short line, or nothing. */
export function renderMeta(shown: ProductShown, locale: Locale): TemplateResult | typeof nothing {
  const { product } = shown;
  const sold = product.sold ?? null;
  const promo = product.promotion ?? null;
  const parts = [
    shown.flashRemainingMs !== null
      ? html`<span part="countdown" role="timer" aria-live="off">${tr(locale, 'flashEndsIn', { time: formatCountdown(shown.flashRemainingMs) })}</span>`
      : null,
    shown.lowStock && product.stock !== null
      ? html`<span part="stock" data-low>${tr(locale, 'onlyLeft', { n: formatNumber(product.stock, locale) })}</span>`
      : null,
    sold !== null ? html`<span part="sold">${tr(locale, 'sold', { n: compact(sold, locale) })}</span>` : null,
    promo ? html`<span part="promotion">${promo}</span>` : null,
  ].filter((part) => part !== null);
  return parts.length ? html`<p class="meta">${parts}</p>` : nothing;
}

/** Add to cart and buy now (or the attributed link in link mode). */
export function renderCartButtons(
  shown: ProductShown,
  ctx: ProductViewContext,
  labelledBy: string,
): TemplateResult {
  const { locale } = ctx;
  const cart = shown.cart;
  const pending = cart.state === 'pending';
  const busy = (action: CartAction) => pending && cart.action === action;
  if (ctx.link)
    return ctx.href && !shown.soldOut
      ? html`<a part="buy-now" href=${ctx.href} target="_blank" rel="noopener" aria-describedby=${labelledBy}
          @click=${(e: Event) => ctx.onLink(e, ctx.href!)}
          >${tr(locale, 'shop')}<span class="visually-hidden"> ${tr(locale, 'opensNewTab')}</span></a>`
      : html`<button part="buy-now" type="button" disabled>${tr(locale, shown.soldOut ? 'soldOut' : 'shop')}</button>`;
  // While an answer is pending the buttons stay focusable (aria-disabled): a disabled button
  // would drop the viewer's focus to the page.
  return html`<button part="add-to-cart" type="button" ?disabled=${shown.soldOut} aria-disabled=${pending ? 'true' : 'false'}
      aria-describedby=${labelledBy} @click=${() => pending || ctx.cart('add')}>
      ${tr(locale, busy('add') ? 'adding' : 'addToCart')}
    </button>
    <button part="buy-now" type="button" ?disabled=${shown.soldOut} aria-disabled=${pending ? 'true' : 'false'}
      aria-describedby=${labelledBy} @click=${() => pending || ctx.cart('buy')}>
      ${tr(locale, shown.soldOut ? 'soldOut' : 'buyNow')}
    </button>`;
}

export interface DetailsChoice {
  variant: string | null;
  quantity: number;
  maxQuantity: number;
  chooseVariant(id: string): void;
  setQuantity(quantity: number): void;
}

/** The details body: image, description, prices, facts, option, quantity and the cart buttons. */
export function renderDetails(
  shown: ProductShown,
  choice: DetailsChoice,
  ctx: ProductViewContext,
  labelledBy: string,
): TemplateResult {
  const { product } = shown;
  const { locale } = ctx;
  const image = safeImage(product.image);
  return html`<div class="details">
    ${image ? html`<img class="details-image" src=${image} alt="" referrerpolicy="no-referrer" />` : nothing}
    ${product.description ? html`<p class="description">${product.description}</p>` : nothing}
    ${renderPrices(shown, locale)} ${renderMeta(shown, locale)}
    ${
      product.variants.length
        ? html`<label class="field">${tr(locale, 'variant')}
            <select @change=${(e: Event) => choice.chooseVariant((e.target as HTMLSelectElement).value)}>
              ${product.variants.map((v) => html`<option value=${v.id} ?selected=${v.id === choice.variant}>${v.label}</option>`)}
            </select></label>`
        : nothing
    }
    ${
      ctx.link
        ? nothing
        : html`<label class="field">${tr(locale, 'quantity')}
            <input type="number" inputmode="numeric" min="1" max=${choice.maxQuantity} .value=${String(choice.quantity)}
              aria-describedby="quantity-hint"
              @change=${(e: Event) => choice.setQuantity(Number((e.target as HTMLInputElement).value))} /></label>
          <p class="hint" id="quantity-hint">${tr(locale, 'quantityLimit', { max: formatNumber(choice.maxQuantity, locale) })}</p>`
    }
    <div part="actions">${renderCartButtons(shown, ctx, labelledBy)}</div>
  </div>`;
}

/** 12K / 1.2万: sold counts are read at a glance, not audited. */
function compact(n: number, locale: Locale): string {
  return n < 10_000
    ? formatNumber(n, locale)
    : new Intl.NumberFormat(locale, { notation: 'compact' }).format(n);
}
