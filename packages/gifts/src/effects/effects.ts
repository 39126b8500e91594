import { type Channel, formatNumber, OnairElement, StoreController } from '@onair/core/element.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { feedMessage } from '../feed/feed.messages.js';
import { glyph } from '../format.js';
import { effectsStyles } from './effects.styles.js';
import { createEffectsStore, type EffectsStore, type GiftEffect } from './effects-store.js';

/**
 * Plays one big gift's effect into `stage` and settles when it is over. The element empties the
 * stage afterwards, and aborts `signal` when the effect runs past `max-duration`.
 */
export type GiftEffectPlayer = (
  effect: GiftEffect,
  stage: HTMLElement,
  signal: AbortSignal,
) => Promise<void> | void;

/**
 * The stage-wide effect layer for big gifts (the rocket across the video on Douyin and Bilibili).
 * Place it over the stream: it fills its positioned parent, takes no input (`pointer-events:
 * none`) and is hidden from assistive technology (`<onair-gift-feed>` announces big gifts).
 *
 * Gifts worth at least `above` play one at a time, queued; a combo that goes on raises the count of
 * its effect instead of queueing another. The built-in effect is CSS (transforms and opacity, on the
 * compositor); under `prefers-reduced-motion` it is a banner that fades in and out. Set `player` to
 * play your own animation (Lottie, SVGA, an MP4 with alpha) into the stage instead.
 *
 * @tag onair-gift-effects
 * @summary Big-gift effects over the stream, queued, never in the way.
 * @csspart base - The layer (fills the host).
 * @csspart stage - Where a custom `player` draws.
 * @csspart effect - The built-in effect.
 * @csspart burst - The built-in effect's glow.
 * @csspart icon - The gift, large.
 * @csspart banner - Who sent what.
 * @cssproperty --onair-gift-effects-duration - Length of the built-in effect (default 2400ms).
 * @cssproperty --onair-gift-effects-glow - Colour of the built-in effect's glow.
 */
export class OnairGiftEffects extends OnairElement {
  static override styles = [...OnairElement.styles, effectsStyles];

  /** A single send worth at least this much (minor units) plays an effect. */
  @property({ type: Number }) above = 1_000;

  /** Effects that may wait while one plays; more are dropped. */
  @property({ attribute: 'max-queue', type: Number }) maxQueue = 3;

  /** Longest an effect may play, ms; a custom player is aborted after it. */
  @property({ attribute: 'max-duration', type: Number }) maxDuration = 8_000;

  /** Your own effect: `(effect, stage, signal) => Promise<void>`. Null plays the built-in one. */
  @property({ attribute: false }) player: GiftEffectPlayer | null = null;

  private store: EffectsStore | null = null;
  private channel: Channel | null | undefined = undefined;
  private readonly current = new StoreController<GiftEffect | null>(this, null, null);
  private playing: GiftEffect | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const channel = this.roomContext?.channel ?? null;
    if (channel !== this.channel) {
      this.channel = channel;
      this.store = channel ? createEffectsStore(channel, this.options()) : null;
      this.current.setStore(this.store?.$current ?? null);
    } else if (changed.has('above') || changed.has('maxQueue')) this.store?.options(this.options());
  }

  protected override updated(): void {
    const effect = this.current.value;
    if (effect?.key === this.playing?.key) return;
    this.stop();
    this.playing = effect;
    if (effect) this.play(effect);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
    this.playing = null;
  }

  private options() {
    return { above: Math.max(1, this.above), maxQueue: Math.max(0, this.maxQueue) };
  }

  /** Runs one effect; whatever happens, the next one gets its turn. */
  private play(effect: GiftEffect): void {
    const abort = new AbortController();
    this.abort = abort;
    const finish = () => {
      if (this.abort !== abort) return;
      this.stop();
      this.store?.done();
    };
    this.timer = setTimeout(finish, Math.max(500, this.maxDuration));
    const player = this.player;
    if (!player) return; // the built-in effect ends with its animation (onEnd)
    const stage = this.renderRoot.querySelector<HTMLElement>('[part~="stage"]');
    if (!stage) return;
    Promise.resolve()
      .then(() => player(effect, stage, abort.signal))
      .catch((error: unknown) => console.error(error))
      .finally(finish);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = null;
    const stage = this.renderRoot.querySelector<HTMLElement>('[part~="stage"]');
    stage?.replaceChildren();
  }

  private onEnd(event: AnimationEvent): void {
    if (event.target !== event.currentTarget) return;
    this.stop();
    this.store?.done();
  }

  protected override renderContent(): TemplateResult {
    const effect = this.current.value;
    return html`<div part="base" class=${this.baseClass} aria-hidden="true">
      <div part="stage"></div>
      ${effect && !this.player ? keyed(effect.key, this.renderEffect(effect)) : nothing}
    </div>`;
  }

  private renderEffect(effect: GiftEffect): TemplateResult {
    const icon = glyph(effect.icon);
    const t = (key: Parameters<typeof feedMessage>[1], params?: Record<string, string | number>) =>
      feedMessage(this.locale, key, params);
    return html`<div part="effect" @animationend=${this.onEnd}>
      <span part="burst"></span>
      <span part="icon">${icon ?? html`<img src=${effect.icon} alt="" />`}</span>
      <span part="banner"><b>${effect.sender.name}</b> ${t('sent', { gift: effect.name })}${
        effect.quantity > 1 ? ` ×${formatNumber(effect.quantity, this.locale)}` : ''
      }${effect.count > 1 ? html` <span class="count">${t('combo', { n: effect.count })}</span>` : nothing}</span>
    </div>`;
  }
}
