import {
  AnnounceController,
  cssProps,
  dispatchIntent,
  jsonAttribute,
  OnairElement,
  StaticSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { GiftEvents } from '../events.js';
import { formatOdds, formatPrice, glyph } from '../format.js';
import { DEFAULT_QUANTITIES, MAX_QUANTITY } from '../model/limits.js';
import type { Gift } from '../model/schema.js';
import { panelMessage } from './panel.messages.js';
import { panelStyles } from './panel.styles.js';
import {
  createPanelStore,
  type PanelSettings,
  type PanelStore,
  type PanelView,
  type SendRequest,
} from './panel-store.js';

const KNOWN_ERRORS = [
  'insufficient_balance',
  'unknown_gift',
  'invalid_quantity',
  'rate_limited',
  'room_closed',
  'timeout',
  'closed',
] as const;
type Key = Parameters<typeof panelMessage>[1];

/**
 * A gift panel: catalog tabs, a grid of gifts, quantity presets, balance and top-up, combo
 * sending (连击) with one idempotency key per user send, and a confirm step for big sends.
 *
 * @tag onair-gift-panel
 * @summary Gift panel with combos that never charges twice.
 * @event {CustomEvent<GiftSendRequestDetail>} onair-gift-send-request - Cancelable, before a send. `detail: { gift, name, quantity, amount, currency, comboId, key, respondWith }`.
 * @event {CustomEvent<GiftSentDetail>} onair-gift-sent - After the send was charged. `detail: { gift, quantity, amount, currency, comboId, comboCount, key, balance }`.
 * @event {CustomEvent<TopupRequestDetail>} onair-topup-request - The viewer asked to top up; the host fulfils it, then calls `refreshBalance()`. `detail: { balance, currency, needed }`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - Invalid config or a refused send. `detail: { code, message, path }`.
 * @csspart base - The panel's box.
 * @csspart header - Balance and top-up line.
 * @csspart balance - The balance.
 * @csspart topup - The top-up button.
 * @csspart tabs - The category tab list.
 * @csspart tab - One category tab.
 * @csspart grid - The grid of gifts.
 * @csspart gift - One gift tile.
 * @csspart gift-icon - A gift's icon.
 * @csspart price - A gift's price.
 * @csspart tag - A gift's badge (new, limited, blind box).
 * @csspart odds - The odds of the selected blind box.
 * @csspart quantities - The quantity choice.
 * @csspart quantity - One quantity preset.
 * @csspart custom-quantity - The custom quantity input.
 * @csspart send - The send / combo button.
 * @csspart combo-timer - The bar that runs down while a combo can continue.
 * @csspart confirm - The confirm step for big sends.
 * @cssproperty --onair-gift-panel-selected-color - Outline of the selected gift and quantity.
 * @cssproperty --onair-gift-panel-send-color - Send button background.
 * @cssproperty --onair-gift-panel-tag-color - Badge background.
 * @cssproperty --onair-gift-panel-tile-size - Minimum width of a gift tile (default 4.5em).
 */
export class OnairGiftPanel extends OnairElement {
  static override styles = [...OnairElement.styles, panelStyles];
  static override telemetryKind = 'gift-panel';

  /** A static catalog (object, or JSON in the attribute); sends are then charged in this page only. */
  @property({ converter: jsonAttribute })
  config?: unknown;

  /** Static mode only: the viewer's starting balance, minor units. */
  @property({ attribute: 'starting-balance', type: Number }) startingBalance = 10_000;

  /** Quantity presets (comma-separated in the attribute). */
  @property({
    converter: {
      fromAttribute: (value: string | null) =>
        value
          ?.split(',')
          .map((n) => Number(n.trim()))
          .filter((n) => Number.isInteger(n) && n >= 1 && n <= MAX_QUANTITY) ?? [...DEFAULT_QUANTITIES],
    },
  })
  quantities: number[] = [...DEFAULT_QUANTITIES];

  /** Largest custom quantity (at most 9,999). */
  @property({ attribute: 'max-quantity', type: Number }) maxQuantity = MAX_QUANTITY;

  /** A send costing at least this much (minor units) asks for confirmation; 0 never asks. */
  @property({ attribute: 'confirm-above', type: Number }) confirmAbove = 5_000;

  /** Sends of the same gift and quantity within this many ms form one combo. */
  @property({ attribute: 'combo-window', type: Number }) comboWindow = 3_000;

  /** The viewer's display name in the room's gift feed. */
  @property({ attribute: 'sender-name' }) senderName = '';

  private store: PanelStore | null = null;
  private readonly view = new StoreController<PanelView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 1_000);
  private shown = false;
  /** The room's gifts, or a static catalog's own in-page room (its code loaded on demand). */
  private readonly source = new StaticSourceController<PanelStore>(this, {
    load: async () => {
      const { staticPanel, describe } = await import('./static-panel.js');
      return { serve: (catalog) => staticPanel(catalog, this.startingBalance), describe };
    },
    create: (channel) => createPanelStore(channel, this.settings()),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => panelMessage(this.locale, 'noRoom'),
    locale: () => this.locale,
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });
  private focusedConfirm = '';

  /** Asks the room for the viewer's balance again (call it after a top-up). */
  async refreshBalance(): Promise<void> {
    await this.store?.refreshBalance();
  }

  protected override willUpdate(): void {
    // A static panel's wallet starts at `starting-balance`: a new one serves it afresh.
    this.source.serve(this.config, this.roomContext?.channel ?? null, String(this.startingBalance));
    this.store?.settings(this.settings());
    this.store?.ensureWallet();
    const shown = !!this.view.value?.catalog;
    if (shown && !this.shown) {
      this.widgetTelemetry?.open();
      this.widgetTelemetry?.send('gift.panel_open', {});
    }
    this.shown = shown;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.shown = false;
  }

  private settings(): PanelSettings {
    return {
      quantities: this.quantities.length ? this.quantities : [...DEFAULT_QUANTITIES],
      maxQuantity: Math.min(Math.max(1, this.maxQuantity), MAX_QUANTITY),
      confirmAbove: this.confirmAbove,
      comboWindowMs: this.comboWindow,
      senderName: this.senderName,
    };
  }

  private t(key: Key, params?: Record<string, string | number>): string {
    return panelMessage(this.locale, key, params);
  }

  private price(amount: number): string {
    const catalog = this.view.value?.catalog;
    return formatPrice(amount, catalog?.currency ?? 'COIN', catalog?.digits ?? 0, this.locale);
  }

  private selectGift(gift: Gift): void {
    this.store?.selectGift(gift.id);
    this.widgetTelemetry?.send('gift.select', {
      gift: gift.id,
      price: gift.price,
      category: this.view.value?.category,
    });
  }

  private onPress(): void {
    const store = this.store;
    if (!store) return;
    const press = store.press();
    if (press.kind === 'busy' || press.kind === 'confirm') return;
    if (press.kind === 'refused') {
      this.fail(press.code, '', press.request?.gift.id ?? this.view.value?.selected?.id ?? '');
      return;
    }
    void this.dispatchSend(press.request);
  }

  private onConfirm(): void {
    const request = this.store?.confirm();
    if (request) void this.dispatchSend(request);
  }

  /** Asks the host first: it lets the send go, vetoes it, or takes it over with `respondWith`. */
  private async dispatchSend(request: SendRequest): Promise<void> {
    const intent = dispatchIntent(this, GiftEvents.sendRequest, {
      gift: request.gift.id,
      name: request.gift.name,
      quantity: request.quantity,
      amount: request.amount,
      currency: request.currency,
      comboId: request.comboId,
      key: request.key,
    });
    if (intent.kind === 'vetoed') return;
    try {
      const outcome = await this.store!.send(request, intent.kind === 'answered' ? intent.answer : undefined);
      this.clearFailure();
      const { gift, quantity, amount, currency, comboId, key } = request;
      this.emit(GiftEvents.sent, {
        gift: gift.id,
        quantity,
        amount,
        currency,
        comboId,
        comboCount: outcome.comboCount,
        key,
        balance: outcome.balance,
      });
      this.widgetTelemetry?.send('gift.send', {
        gift: gift.id,
        quantity,
        value: amount,
        currency,
        comboId,
        comboCount: outcome.comboCount,
      });
      if (outcome.comboContinued)
        this.widgetTelemetry?.send('gift.combo', { gift: gift.id, comboId, count: outcome.comboCount });
      const n = outcome.comboCount;
      this.announcer.announce(this.t(n > 1 ? 'sentCombo' : 'sent', { quantity, gift: gift.name, n }), true);
    } catch (error) {
      const {
        code = 'action_failed',
        message = String(error),
        path = '',
      } = error as {
        code?: string;
        message?: string;
        path?: string;
      };
      this.fail(code, message, request.gift.id, path);
    }
  }

  private fail(code: string, message: string, gift: string, path = ''): void {
    const known = (KNOWN_ERRORS as readonly string[]).includes(code);
    const text = known
      ? this.t(`error_${code as (typeof KNOWN_ERRORS)[number]}`, { max: this.settings().maxQuantity })
      : this.t('error_other', { message });
    this.reportActionFailure(code, text, path);
    this.widgetTelemetry?.send('gift.fail', { gift, reason: code });
  }

  private onTopup(needed: number | null): void {
    const wallet = this.view.value?.wallet ?? null;
    const currency = wallet?.currency ?? this.view.value?.catalog?.currency ?? 'COIN';
    this.emit(GiftEvents.topupRequest, { balance: wallet?.balance ?? null, currency, needed });
    this.widgetTelemetry?.send('gift.topup_click', { balance: wallet?.balance ?? null, currency });
  }

  private async onRetry(): Promise<void> {
    const request = this.view.value?.retry;
    if (request) await this.dispatchSend(request);
  }

  private onTabKey(event: KeyboardEvent, view: PanelView): void {
    const ids = view.catalog?.categories.map((c) => c.id) ?? [];
    const at = ids.indexOf(view.category);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      Home: -at,
      End: ids.length - 1 - at,
    };
    if (!(event.key in step)) return;
    event.preventDefault();
    const next = ids[(at + step[event.key]! + ids.length) % ids.length]!;
    this.store?.selectCategory(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    if (!view?.catalog)
      return html`<div part="base" class=${this.baseClass}><p class="muted">${this.t('waiting')}</p>${this.announcer.render()}</div>`;
    const { catalog } = view;
    return html`<section part="base" class=${this.baseClass} aria-label=${this.t('title')} aria-busy=${view.pending}>
      <div part="header">
        <span part="balance">${view.wallet ? this.t('balance', { amount: this.price(view.wallet.balance) }) : this.t('balanceUnknown')}</span>
        <button part="topup" type="button" @click=${() => this.onTopup(null)}>${this.t('topup')}</button>
      </div>
      ${!view.open ? html`<p class="muted">${this.t('closed')}</p>` : nothing}
      ${
        catalog.categories.length > 1
          ? html`<div part="tabs" role="tablist" aria-label=${this.t('gifts')} @keydown=${(e: KeyboardEvent) => this.onTabKey(e, view)}>
            ${catalog.categories.map(
              (c) => html`<button part="tab" role="tab" type="button" id=${`tab-${c.id}`} aria-controls="grid"
                aria-selected=${c.id === view.category ? 'true' : 'false'} tabindex=${c.id === view.category ? 0 : -1}
                @click=${() => this.store?.selectCategory(c.id)}>${c.name}</button>`,
            )}
          </div>`
          : nothing
      }
      <div part="grid" id="grid" role=${catalog.categories.length > 1 ? 'tabpanel' : 'group'}
        aria-labelledby=${catalog.categories.length > 1 ? `tab-${view.category}` : nothing}
        aria-label=${catalog.categories.length > 1 ? nothing : this.t('gifts')}>
        ${view.gifts.map((gift) => this.renderGift(gift, view))}
      </div>
      ${this.renderOdds(view.selected)} ${this.renderQuantities(view)} ${this.renderSend(view)}
      ${this.renderActionFailure()} ${this.renderRecovery(view)} ${this.announcer.render()}
    </section>`;
  }

  private renderGift(gift: Gift, view: PanelView): TemplateResult {
    const selected = view.selected?.id === gift.id;
    const price = this.price(gift.price);
    const tag = gift.tag ? this.t(`tag_${gift.tag}`) : '';
    const icon = glyph(gift.icon);
    return html`<label part="gift" ?data-selected=${selected}>
      <input class="visually-hidden" type="radio" name="gift" .value=${gift.id} .checked=${live(selected)}
        aria-label=${this.t('giftLabel', { name: gift.name, price, tag })} @change=${() => this.selectGift(gift)} />
      <span part="gift-icon" aria-hidden="true">${icon ?? html`<img src=${gift.icon} alt="" loading="lazy" />`}</span>
      <span part="gift-name" aria-hidden="true">${gift.name}</span>
      <span part="price" aria-hidden="true">${price}</span>
      ${tag ? html`<span part="tag" aria-hidden="true">${tag}</span>` : nothing}
    </label>`;
  }

  private renderOdds(gift: Gift | null): TemplateResult | typeof nothing {
    if (!gift?.odds) return nothing;
    return html`<p part="odds"><strong>${this.t('odds')}</strong>
      ${gift.odds.map((o) => html`<span>${o.label} ${formatOdds(o.permille, this.locale)}</span>`)}</p>`;
  }

  private renderQuantities(view: PanelView): TemplateResult {
    const max = this.settings().maxQuantity;
    return html`<fieldset part="quantities">
      <legend>${this.t('quantity')}</legend>
      ${this.settings().quantities.map(
        (n) => html`<label part="quantity" ?data-selected=${view.custom === null && view.quantity === n}>
          <input class="visually-hidden" type="radio" name="quantity" .checked=${live(view.custom === null && view.quantity === n)}
            @change=${() => this.store?.setQuantity(n)} />×${n}</label>`,
      )}
      <input part="custom-quantity" type="number" inputmode="numeric" min="1" max=${max} step="1"
        placeholder=${this.t('custom')} aria-label=${this.t('customLabel', { max })}
        aria-invalid=${view.custom !== null && !view.quantityValid ? 'true' : 'false'}
        .value=${live(view.custom ?? '')} @input=${(e: Event) => this.store?.setCustom((e.target as HTMLInputElement).value)} />
    </fieldset>`;
  }

  private renderSend(view: PanelView): TemplateResult {
    const combo = view.combo;
    const continuing = !!combo && combo.gift === view.selected?.id && combo.quantity === view.quantity;
    const label = view.pending
      ? this.t('sending')
      : continuing
        ? this.t('combo', { n: combo.count + 1 })
        : view.selected && view.quantityValid
          ? this.t('sendTotal', { total: this.price(view.total) })
          : this.t('send');
    const confirming = view.confirming;
    return html`<div part="footer">
        <button part="send" type="button" ?data-combo=${continuing} aria-disabled=${view.pending ? 'true' : 'false'}
          ?disabled=${!view.selected || !view.open} @click=${this.onPress}
          aria-describedby=${continuing ? 'combo-hint' : nothing}>${label}</button>
        ${continuing ? html`<span id="combo-hint" class="muted">${this.t('comboHint')}</span>` : nothing}
        ${
          continuing
            ? keyed(
                combo.count,
                html`<span part="combo-timer" aria-hidden="true" ${cssProps({ '--_window': `${Math.max(0, combo.until - Date.now())}ms` })}></span>`,
              )
            : nothing
        }
      </div>
      ${
        confirming
          ? html`<div part="confirm" role="group" aria-labelledby="confirm-title">
            <p id="confirm-title">${this.t('confirmTitle', { quantity: confirming.quantity, gift: confirming.gift.name, total: this.price(confirming.amount) })}</p>
            <button type="button" class="primary" @click=${this.onConfirm}>${this.t('confirm')}</button>
            <button type="button" @click=${() => this.store?.cancelConfirm()}>${this.t('cancel')}</button>
          </div>`
          : nothing
      }`;
  }

  private renderRecovery(view: PanelView): TemplateResult | typeof nothing {
    const code = this.failed?.code;
    if (code === 'insufficient_balance')
      return html`<button type="button" class="recover" @click=${() => this.onTopup(view.total)}>${this.t('topup')}</button>`;
    if (view.retry && !view.pending)
      return html`<button type="button" class="recover" @click=${this.onRetry}>${this.t('retry')}</button>`;
    return nothing;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The confirm step takes focus so keyboard and screen-reader users land on the question.
    const confirming = this.view.value?.confirming?.key ?? '';
    if (confirming && confirming !== this.focusedConfirm)
      this.renderRoot.querySelector<HTMLButtonElement>('[part~="confirm"] .primary')?.focus();
    this.focusedConfirm = confirming;
  }
}
