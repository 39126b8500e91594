import {
  AnnounceController,
  dispatchIntent,
  jsonAttribute,
  keepFocus,
  NarrowController,
  OnairElement,
  SheetController,
  StaticSourceController,
  StoreController,
  sheetStyles,
} from '@onair/core/element.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { GiftEvents } from '../events.js';
import { formatPrice } from '../format.js';
import { DEFAULT_QUANTITIES, MAX_QUANTITY } from '../model/limits.js';
import type { Gift } from '../model/schema.js';
import { PageTracker } from './pages.js';
import { panelMessage } from './panel.messages.js';
import { panelStyles } from './panel.styles.js';
import {
  createPanelStore,
  type PanelSettings,
  type PanelStore,
  type PanelView,
  type SendRequest,
} from './panel-store.js';
import { nextTab, type PanelViewContext, renderPanelBody, renderSend, renderTrigger } from './panel-view.js';

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
 * A gift panel: catalog tabs, a grid of gifts paged eight at a time, quantity presets, balance and
 * top-up, combo sending (连击) with one idempotency key per user send, and a confirm step for big
 * sends. With less than 400 px of its own width it is a gift button that opens the panel as a
 * bottom sheet; while a combo can go on, that button becomes the combo button.
 *
 * @tag onair-gift-panel
 * @summary Gift panel with combos that never charges twice.
 * @event {CustomEvent<GiftSendRequestDetail>} onair-gift-send-request - Cancelable, before a send. `detail: { gift, name, quantity, amount, currency, comboId, key, respondWith }`.
 * @event {CustomEvent<GiftSentDetail>} onair-gift-sent - After the send was charged. `detail: { gift, quantity, amount, currency, comboId, comboCount, key, balance }`.
 * @event {CustomEvent<TopupRequestDetail>} onair-topup-request - The viewer asked to top up; the host fulfils it, then calls `refreshBalance()`. `detail: { balance, currency, needed }`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - Invalid config or a refused send. `detail: { code, message, path }`.
 * @csspart base - The panel's box.
 * @csspart trigger - The gift button that opens the sheet (narrow spaces).
 * @csspart sheet - The bottom sheet holding the panel (narrow spaces).
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
 * @csspart combo-timer - The ring around the combo button that runs down while a combo can continue.
 * @csspart confirm - The confirm step for big sends.
 * @cssproperty --onair-gift-panel-selected-color - Outline of the selected gift and quantity.
 * @cssproperty --onair-gift-panel-send-color - Send button background.
 * @cssproperty --onair-gift-panel-tag-color - Badge background.
 * @cssproperty --onair-gift-panel-tile-size - Minimum width of a gift tile (default 4.5em).
 */
export class OnairGiftPanel extends OnairElement {
  static override styles = [...OnairElement.styles, sheetStyles, panelStyles];
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
  private readonly narrow = new NarrowController(this, 400);
  private readonly sheet = new SheetController(this);
  private readonly pages = new PageTracker(this);

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

  /** Confirm and errors replace what had focus; keep it in the panel. */
  private onPress(): void {
    void keepFocus(
      this,
      () => this.press(),
      () => this.renderRoot.querySelector<HTMLElement>('[part~="send"], [part~="trigger"]'),
    );
  }

  private press(): void {
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
    if (request)
      void keepFocus(
        this,
        () => this.dispatchSend(request),
        () => this.renderRoot.querySelector<HTMLElement>('[part~="send"]'),
      );
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
    // A combo pressed from the gift button: the sheet shows what went wrong.
    if (this.narrow.narrow && !this.sheet.isOpen)
      void this.sheet.open(this.renderRoot.querySelector<HTMLElement>('[part~="trigger"]'));
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
    const next = nextTab(ids, view.category, event.key, getComputedStyle(this).direction === 'rtl');
    if (next === null) return;
    event.preventDefault();
    this.store?.selectCategory(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    if (!view?.catalog)
      return this.narrow.narrow
        ? html`<div part="base" class="${this.baseClass} narrow">${renderTrigger(this.t('waiting'), false, null)}${this.announcer.render()}</div>`
        : html`<div part="base" class=${this.baseClass}><p class="muted">${this.t('waiting')}</p>${this.announcer.render()}</div>`;
    const ctx = this.viewContext(view);
    const body = () =>
      html`${renderPanelBody(ctx)} ${this.renderActionFailure()} ${this.renderRecovery(view)}`;
    if (!this.narrow.narrow)
      return html`<div part="base" class=${this.baseClass} role="group" aria-label=${this.t('title')} aria-busy=${view.pending}>
        ${body()} ${this.announcer.render()}
      </div>`;
    // Narrow: a gift button (the combo button while a combo can go on) and the panel in a sheet.
    const combo = view.combo;
    const continuing = !!combo && combo.gift === view.selected?.id && combo.quantity === view.quantity;
    return html`<div part="base" class="${this.baseClass} narrow" aria-busy=${view.pending}>
      ${
        continuing && !this.sheet.isOpen
          ? renderSend(ctx, (key, params) => this.t(key, params))
          : renderTrigger(this.t('openPanel'), this.sheet.isOpen, (trigger) => void this.sheet.open(trigger))
      }
      ${this.sheet.render({ title: this.t('title'), closeLabel: this.t('close'), body })}
      ${this.announcer.render()}
    </div>`;
  }

  private viewContext(view: PanelView): PanelViewContext {
    const settings = this.settings();
    return {
      view,
      locale: this.locale,
      quantities: settings.quantities,
      maxQuantity: settings.maxQuantity,
      page: this.pages.page,
      price: (amount) => this.price(amount),
      selectCategory: (id) => this.store?.selectCategory(id),
      onTabKey: (event) => this.onTabKey(event, view),
      selectGift: (gift) => this.selectGift(gift),
      onPages: this.pages.onScroll,
      goToPage: (index) => this.pages.goTo(this.renderRoot.querySelector('.pages'), index),
      setQuantity: (n) => this.store?.setQuantity(n),
      setCustom: (text) => this.store?.setCustom(text),
      press: () => this.onPress(),
      confirm: () => this.onConfirm(),
      cancelConfirm: () => this.store?.cancelConfirm(),
      topup: () => this.onTopup(null),
    };
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
