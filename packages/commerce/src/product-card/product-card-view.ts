/**
 * The card's templates: the card itself (image, badge, title, tags, prices, facts, actions) and
 * its details popover. The element decides what shows; these say how it reads.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ProductRecord } from '../model/product.js';
import { safeImage } from '../shared/money.js';
import {
  type DetailsChoice,
  type ProductShown,
  type ProductViewContext,
  renderCartButtons,
  renderDetails,
  renderMeta,
  renderPrices,
  tr,
} from '../shared/product-view.js';

export interface CardContext extends ProductViewContext {
  /** The details (popover or sheet) are open. */
  detailsOpen: boolean;
  onTitle(event: Event): void;
  openDetails(trigger: HTMLElement): void;
  closeDetails(): void;
}

const TITLE_ID = 'title';

/** `shown` is null for a card that has its product but not (or no longer) its live facts. */
export function renderCard(
  product: ProductRecord,
  shown: ProductShown | null,
  pinned: boolean,
  ctx: CardContext,
) {
  const { locale, href } = ctx;
  const image = safeImage(product.image);
  return html`<div class="card">
    <div part="media">
      ${image ? html`<img part="image" src=${image} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" />` : html`<span part="image" class="placeholder"></span>`}
      ${pinned ? html`<span part="badge">${tr(locale, 'nowExplaining')}</span>` : nothing}
      ${shown?.soldOut ? html`<span part="sold-out">${tr(locale, 'soldOut')}</span>` : nothing}
    </div>
    <div class="body">
      ${
        href
          ? html`<a part="title" id=${TITLE_ID} href=${href} target="_blank" rel="noopener" @click=${ctx.onTitle}
              >${product.title}<span class="visually-hidden"> ${tr(locale, 'opensNewTab')}</span></a
            >`
          : html`<button part="title" id=${TITLE_ID} type="button" aria-haspopup="dialog" aria-expanded=${ctx.detailsOpen}
              aria-controls="details" @click=${ctx.onTitle}>${product.title}</button>`
      }
      ${product.tags.length ? html`<ul part="tags">${product.tags.map((tag) => html`<li>${tag}</li>`)}</ul>` : nothing}
      ${shown ? html`${renderPrices(shown, locale)} ${renderMeta(shown, locale)} ${renderActions(shown, ctx)}` : nothing}
    </div>
  </div>`;
}

function renderActions(shown: ProductShown, ctx: CardContext): TemplateResult {
  return html`<div part="actions">
    ${
      ctx.link
        ? nothing
        : html`<button part="details-button" type="button" aria-haspopup="dialog" aria-expanded=${ctx.detailsOpen}
            aria-controls="details" aria-describedby=${TITLE_ID} @click=${(e: Event) => ctx.openDetails(e.currentTarget as HTMLElement)}>
            ${tr(ctx.locale, 'details')}
          </button>`
    }
    ${renderCartButtons(shown, ctx, TITLE_ID)}
  </div>`;
}

/** The details popover of a wide card (a narrow one opens the same details in a sheet). */
export function renderPopover(
  product: ProductRecord,
  shown: ProductShown,
  choice: DetailsChoice,
  ctx: CardContext,
) {
  return html`<div part="popover" class="popover" role="dialog" aria-labelledby="popover-title" tabindex="-1">
    <div class="popover-head">
      <h2 id="popover-title">${product.title}</h2>
      <button type="button" class="close" aria-label=${tr(ctx.locale, 'close')} @click=${ctx.closeDetails}>×</button>
    </div>
    ${renderDetails(shown, choice, ctx, 'popover-title')}
  </div>`;
}
