/**
 * The gift panel's body, inline or in its bottom sheet: balance, category tabs, the gift grid
 * paged eight to a page (as on Bilibili), odds, quantity presets with a custom quantity whose limit
 * is said in words, and the send button that becomes a combo button ringed by its countdown.
 */
import { cssProps, formatNumber, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { formatOdds, glyph } from '../format.js';
import type { Gift } from '../model/schema.js';
import { panelMessage } from './panel.messages.js';
import type { PanelView } from './panel-store.js';

type Key = Parameters<typeof panelMessage>[1];

/** Gifts per page: four columns, two rows. */
export const PAGE_SIZE = 8;

export interface PanelViewContext {
  view: PanelView;
  locale: Locale;
  quantities: readonly number[];
  maxQuantity: number;
  /** Current page of the grid, 0-based. */
  page: number;
  price(amount: number): string;
  selectCategory(id: string): void;
  onTabKey(event: KeyboardEvent): void;
  selectGift(gift: Gift): void;
  onPages(event: Event): void;
  goToPage(index: number): void;
  setQuantity(n: number): void;
  setCustom(text: string): void;
  press(): void;
  confirm(): void;
  cancelConfirm(): void;
  topup(): void;
}

export function renderPanelBody(ctx: PanelViewContext): TemplateResult {
  const { view } = ctx;
  const catalog = view.catalog!;
  const t = (key: Key, params?: Record<string, string | number>) => panelMessage(ctx.locale, key, params);
  const tabbed = catalog.categories.length > 1;
  return html`<div part="header">
      <span part="balance">${view.wallet ? t('balance', { amount: ctx.price(view.wallet.balance) }) : t('balanceUnknown')}</span>
      <button part="topup" type="button" @click=${ctx.topup}>${t('topup')}</button>
    </div>
    ${!view.open ? html`<p class="muted">${t('closed')}</p>` : nothing}
    ${
      tabbed
        ? html`<div part="tabs" role="tablist" aria-label=${t('gifts')} @keydown=${ctx.onTabKey}>
          ${catalog.categories.map(
            (c) => html`<button part="tab" role="tab" type="button" id=${`tab-${c.id}`} aria-controls="grid"
              aria-selected=${c.id === view.category ? 'true' : 'false'} tabindex=${c.id === view.category ? 0 : -1}
              @click=${() => ctx.selectCategory(c.id)}>${c.name}</button>`,
          )}
        </div>`
        : nothing
    }
    ${renderGrid(ctx, tabbed, t)} ${renderOdds(view.selected, ctx.locale, t)} ${renderQuantities(ctx, t)}
    ${renderSend(ctx, t)}`;
}

function renderGrid(
  ctx: PanelViewContext,
  tabbed: boolean,
  t: (key: Key, p?: Record<string, string | number>) => string,
) {
  const gifts = ctx.view.gifts;
  const pages: Gift[][] = [];
  for (let i = 0; i < gifts.length; i += PAGE_SIZE) pages.push(gifts.slice(i, i + PAGE_SIZE));
  return html`<div part="grid" id="grid" role=${tabbed ? 'tabpanel' : 'group'}
      aria-labelledby=${tabbed ? `tab-${ctx.view.category}` : nothing} aria-label=${tabbed ? nothing : t('gifts')}>
      <div class="pages" @scroll=${ctx.onPages}>
        ${pages.map((page) => html`<div class="page">${page.map((gift) => renderGift(gift, ctx, t))}</div>`)}
      </div>
      ${
        pages.length > 1
          ? html`<div class="dots" aria-hidden="true">
            ${pages.map((_, i) => html`<span ?data-current=${i === ctx.page} @click=${() => ctx.goToPage(i)}></span>`)}
          </div>`
          : nothing
      }
    </div>`;
}

function renderGift(
  gift: Gift,
  ctx: PanelViewContext,
  t: (key: Key, p?: Record<string, string | number>) => string,
) {
  const selected = ctx.view.selected?.id === gift.id;
  const price = ctx.price(gift.price);
  const tag = gift.tag ? t(`tag_${gift.tag}`) : '';
  const icon = glyph(gift.icon);
  return html`<label part="gift" ?data-selected=${selected}>
    <input class="visually-hidden" type="radio" name="gift" .value=${gift.id} .checked=${live(selected)}
      aria-label=${t('giftLabel', { name: gift.name, price, tag })} @change=${() => ctx.selectGift(gift)} />
    <span part="gift-icon" aria-hidden="true">${icon ?? html`<img src=${gift.icon} alt="" loading="lazy" />`}</span>
    <span part="gift-name" aria-hidden="true">${gift.name}</span>
    <span part="price" aria-hidden="true">${price}</span>
    ${tag ? html`<span part="tag" aria-hidden="true">${tag}</span>` : nothing}
  </label>`;
}

function renderOdds(gift: Gift | null, locale: Locale, t: (key: Key) => string) {
  if (!gift?.odds) return nothing;
  return html`<p part="odds"><strong>${t('odds')}</strong>
    ${gift.odds.map((o) => html`<span>${o.label} ${formatOdds(o.permille, locale)}</span>`)}</p>`;
}

function renderQuantities(
  ctx: PanelViewContext,
  t: (key: Key, p?: Record<string, string | number>) => string,
) {
  const { view } = ctx;
  const max = formatNumber(ctx.maxQuantity, ctx.locale);
  const invalid = view.custom !== null && view.custom !== '' && !view.quantityValid;
  return html`<fieldset part="quantities">
    <legend>${t('quantity')}</legend>
    <div class="presets">
      ${ctx.quantities.map(
        (n) => html`<label part="quantity" ?data-selected=${view.custom === null && view.quantity === n}>
          <input class="visually-hidden" type="radio" name="quantity" .checked=${live(view.custom === null && view.quantity === n)}
            @change=${() => ctx.setQuantity(n)} />×${n}</label>`,
      )}
      <input part="custom-quantity" type="number" inputmode="numeric" min="1" max=${ctx.maxQuantity} step="1"
        placeholder=${t('custom')} aria-label=${t('custom')} aria-describedby="quantity-limit"
        aria-invalid=${invalid ? 'true' : 'false'} .value=${live(view.custom ?? '')}
        @input=${(e: Event) => ctx.setCustom((e.target as HTMLInputElement).value)} />
    </div>
    <p class="limit" id="quantity-limit" ?data-invalid=${invalid}>
      ${invalid ? t('error_invalid_quantity', { max }) : t('customLimit', { max })}
    </p>
  </fieldset>`;
}

/** Send, or — while a combo can go on — a round combo button ringed by the time left. */
export function renderSend(
  ctx: PanelViewContext,
  t: (key: Key, p?: Record<string, string | number>) => string,
) {
  const { view } = ctx;
  const combo = view.combo;
  const continuing = !!combo && combo.gift === view.selected?.id && combo.quantity === view.quantity;
  const label = view.pending
    ? t('sending')
    : continuing
      ? t('combo', { n: combo.count })
      : view.selected && view.quantityValid
        ? t('sendTotal', { total: ctx.price(view.total) })
        : t('send');
  const confirming = view.confirming;
  return html`<div part="footer">
      <button part="send" type="button" ?data-combo=${continuing} aria-disabled=${view.pending ? 'true' : 'false'}
        ?disabled=${!view.selected || !view.open} @click=${ctx.press}
        aria-describedby=${continuing ? 'combo-hint' : nothing}>
        ${
          continuing
            ? keyed(
                combo.count,
                html`<svg class="ring" viewBox="0 0 36 36" aria-hidden="true"><circle part="combo-timer" cx="18" cy="18" r="16.5"
                  pathLength="100" ${cssProps({ '--_window': `${Math.max(0, combo.until - Date.now())}ms` })} /></svg>`,
              )
            : nothing
        }<span class="label">${label}</span>
      </button>
      ${continuing ? html`<span id="combo-hint" class="muted">${t('comboHint')}</span>` : nothing}
    </div>
    ${
      confirming
        ? html`<div part="confirm" role="group" aria-labelledby="confirm-title">
          <p id="confirm-title">${t('confirmTitle', { quantity: confirming.quantity, gift: confirming.gift.name, total: ctx.price(confirming.amount) })}</p>
          <button type="button" class="primary" @click=${ctx.confirm}>${t('confirm')}</button>
          <button type="button" @click=${ctx.cancelConfirm}>${t('cancel')}</button>
        </div>`
        : nothing
    }`;
}

/** The gift button of a narrow panel; `open` null is a disabled one (no gifts to send yet). */
export function renderTrigger(
  label: string,
  expanded: boolean,
  open: ((trigger: HTMLElement) => void) | null,
) {
  return html`<button part="trigger" class="sheet-opener" type="button" aria-haspopup="dialog" aria-controls="sheet"
    aria-expanded=${expanded} ?disabled=${!open} @click=${(e: Event) => open?.(e.currentTarget as HTMLElement)}>
    <span aria-hidden="true">🎁</span><span class="visually-hidden">${label}</span>
  </button>`;
}

/** The category tab a key moves to (arrows wrap, Home and End jump), or null for other keys. */
export function nextTab(ids: readonly string[], current: string, key: string, rtl: boolean): string | null {
  const at = ids.indexOf(current);
  const step: Record<string, number> = {
    ArrowRight: rtl ? -1 : 1,
    ArrowLeft: rtl ? 1 : -1,
    Home: -at,
    End: ids.length - 1 - at,
  };
  if (!Object.hasOwn(step, key) || !ids.length) return null;
  return ids[(at + step[key]! + ids.length) % ids.length] ?? null;
}
