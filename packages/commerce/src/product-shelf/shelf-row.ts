/**
 * One row of the bag: image (with the "now explaining" badge), title, price with the discount,
 * the facts line (stock, sold, promotion) and Add to cart. The whole row opens the product's
 * details (the title's hit area covers it); Add to cart sits above that.
 */
import { cssProps, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { safeImage } from '../shared/money.js';
import { renderMeta, renderPrices, tr } from '../shared/product-view.js';
import type { ShelfRow } from './product-shelf-store.js';

/** Row height in px: fixed, so the list can render only the rows on screen. */
export const ROW_HEIGHT = 84;

export interface RowContext {
  locale: Locale;
  /** Link mode: the row's attributed link, else null. */
  href: string | null;
  open(event: Event, href: string | null): void;
  add(): void;
}

export function renderRow(row: ShelfRow, index: number, count: number, ctx: RowContext): TemplateResult {
  const { product } = row;
  const { locale, href } = ctx;
  const image = safeImage(product.image);
  const titleId = `row-${product.id}`;
  const pending = row.cart.state === 'pending';
  return html`<li part="row" data-product=${product.id} aria-setsize=${count} aria-posinset=${index + 1}
    ?data-sold-out=${row.soldOut} ${cssProps({ '--_y': `${index * ROW_HEIGHT}px` })}>
    <span class="thumb">
      ${image ? html`<img src=${image} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" />` : nothing}
      ${row.pinned ? html`<span part="badge">${tr(locale, 'nowExplaining')}</span>` : nothing}
    </span>
    <div class="info">
      ${
        href
          ? html`<a class="title" id=${titleId} href=${href} target="_blank" rel="noopener"
              @click=${(e: Event) => ctx.open(e, href)}>${product.title}</a>`
          : html`<button class="title" id=${titleId} type="button" aria-haspopup="dialog"
              @click=${(e: Event) => ctx.open(e, null)}>${product.title}</button>`
      }
      ${renderPrices(row, locale)}
      ${row.soldOut ? html`<p class="meta"><span part="stock" data-low>${tr(locale, 'soldOut')}</span></p>` : renderMeta(row, locale)}
    </div>
    ${
      href
        ? nothing
        : html`<button part="add-to-cart" type="button" aria-describedby=${titleId} ?disabled=${row.soldOut}
            aria-disabled=${pending ? 'true' : 'false'} @click=${ctx.add}>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M3 4h2l2 11h11l2-8H7m4 13h.01M17 19h.01M14 7v5m-2.5-2.5h5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" /></svg>
            <span class="visually-hidden">${tr(locale, pending ? 'adding' : 'addToCart')}</span>
          </button>`
    }
  </li>`;
}
