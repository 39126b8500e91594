import {
  AnnounceController,
  formatNumber,
  OnairElement,
  RoomSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatPrice, glyph } from '../format.js';
import type { StatsRecord } from '../model/gifts.js';
import { feedMessage } from './feed.messages.js';
import { feedStyles } from './feed.styles.js';
import {
  createFeedStore,
  type FeedItem,
  type FeedOptions,
  type FeedStore,
  type FeedView,
} from './feed-store.js';

type Key = Parameters<typeof feedMessage>[1];

/**
 * The room's gifts as they arrive: a short lane of recent gifts (sender, gift, quantity, combo
 * counter ×N that grows as the combo continues), a larger effect for big gifts, and the room's
 * aggregates. Bursts are merged in a store and rendered at most once per frame; motion uses
 * transforms and opacity only, and `prefers-reduced-motion` turns it into fades.
 *
 * @tag onair-gift-feed
 * @summary Live gift feed with combo counters and room totals.
 * @csspart base - The feed's box.
 * @csspart lane - The list of recent gifts.
 * @csspart item - One gift (a whole combo).
 * @csspart icon - The gift's icon in an item.
 * @csspart sender - The sender's name.
 * @csspart counter - The combo counter (×N).
 * @csspart value - What a big gift is worth, on its row.
 * @csspart stats - The room's aggregates.
 * @csspart top - The top senders list.
 * @cssproperty --onair-gift-feed-item-background - Background of an item.
 * @cssproperty --onair-gift-feed-big-color - Start of a big gift's banner (white text sits on it).
 * @cssproperty --onair-gift-feed-big-color-end - End of a big gift's banner.
 * @cssproperty --onair-gift-feed-counter-color - Combo counter text.
 */
export class OnairGiftFeed extends OnairElement {
  static override styles = [...OnairElement.styles, feedStyles];
  static override telemetryKind = 'gift-feed';

  /** Items on screen at most. */
  @property({ type: Number }) max = 5;

  /** How long an item stays after its last send, ms. */
  @property({ type: Number }) linger = 4_000;

  /** A single send worth at least this much (minor units) gets the big effect. */
  @property({ attribute: 'big-above', type: Number }) bigAbove = 1_000;

  /** Shows the room's aggregates (total gifts and value, unique senders, top senders). */
  @property({ type: Boolean, reflect: true }) stats = false;

  private store: FeedStore | null = null;
  private readonly source = new RoomSourceController<FeedStore>(this, {
    create: (channel) => createFeedStore(channel, this.options()),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => feedMessage(this.locale, 'noRoom'),
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });
  private readonly view = new StoreController<FeedView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 5_000);
  private announced: FeedItem | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.source.update(this.roomContext?.channel ?? null);
    if (changed.has('max') || changed.has('linger') || changed.has('bigAbove'))
      this.store?.options(this.options());
    // Big gifts only, throttled: a screen reader cannot follow 500 gifts a second, nor should it.
    const big = this.view.value?.lastBig ?? null;
    if (big && big !== this.announced)
      this.announcer.announce(this.t('bigGift', { sender: big.sender.name, gift: big.name, n: big.count }));
    this.announced = big;
  }

  private options(): FeedOptions {
    return {
      max: Math.max(1, Math.min(this.max, 20)),
      lingerMs: Math.max(500, this.linger),
      bigAbove: Math.max(1, this.bigAbove),
    };
  }

  private t(key: Key, params?: Record<string, string | number>): string {
    return feedMessage(this.locale, key, params);
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    const items = view?.items ?? [];
    return html`<div part="base" class=${this.baseClass}>
      <ol part="lane" aria-label=${this.t('recent')}>
        ${repeat(
          items,
          (item) => item.key,
          (item) => this.renderItem(item, view?.stats ?? null),
        )}
      </ol>
      ${this.stats ? this.renderStats(view?.stats ?? null) : nothing} ${this.announcer.render()}
    </div>`;
  }

  private renderItem(item: FeedItem, stats: StatsRecord | null): TemplateResult {
    const icon = glyph(item.icon);
    const value = item.big
      ? html`<span part="value">${formatPrice(item.value, stats?.currency ?? 'COIN', stats?.digits ?? 0, this.locale)}</span>`
      : nothing;
    return html`<li part="item" class=${item.big ? 'big' : ''}>
      <span part="icon" aria-hidden="true">${icon ?? html`<img src=${item.icon} alt="" />`}</span>
      <span class="text"><span part="sender">${item.sender.name}</span>
        <span>${this.t('sent', { gift: item.name })}</span>${
          item.quantity > 1
            ? html` <span class="quantity">${this.t('quantity', { n: formatNumber(item.quantity, this.locale) })}</span>`
            : nothing
        }${value}</span>
      ${keyed(
        item.bump,
        html`<span part="counter" class=${item.count > 1 ? '' : 'one'}
          ><span class="visually-hidden">${this.t('combo', { n: item.count })}</span><span aria-hidden="true">×${item.count}</span></span>`,
      )}
    </li>`;
  }

  private renderStats(stats: StatsRecord | null): TemplateResult {
    const s = stats ?? {
      totalGifts: 0,
      totalValue: 0,
      currency: 'COIN',
      digits: 0,
      uniqueSenders: 0,
      topSenders: [],
    };
    const price = (amount: number) => formatPrice(amount, s.currency, s.digits, this.locale);
    return html`<section part="stats" aria-label=${this.t('stats')}>
      <dl>
        <div><dt>${this.t('totalGifts')}</dt><dd>${formatNumber(s.totalGifts, this.locale)}</dd></div>
        <div><dt>${this.t('totalValue')}</dt><dd>${price(s.totalValue)}</dd></div>
        <div><dt>${this.t('senders')}</dt><dd>${formatNumber(s.uniqueSenders, this.locale)}</dd></div>
      </dl>
      ${
        s.topSenders.length
          ? html`<ol part="top" aria-label=${this.t('top')}>
            ${s.topSenders.map((top) => html`<li><span>${top.name}</span> <span class="value">${price(top.value)}</span></li>`)}
          </ol>`
          : html`<p class="empty">${this.t('empty')}</p>`
      }
    </section>`;
  }
}
