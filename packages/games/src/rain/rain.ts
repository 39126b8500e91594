import {
  AnnounceController,
  OnairElement,
  RoomSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RainEvents } from '../events.js';
import { formatAmount, type RainMessageKey, rainMessage } from './rain.messages.js';
import { rainStyles } from './rain.styles.js';
import { RainCanvas, type Sprite } from './rain-canvas.js';
import { createRainStore, type RainStore, type RainView } from './rain-store.js';
import { RainTelemetry } from './rain-telemetry.js';
import { renderGrid, renderHeader, renderSummary, renderWaiting } from './rain-view.js';

const KNOWN_ERRORS = [
  'rain_cancelled',
  'rain_empty',
  'rain_ended',
  'rain_not_started',
  'grab_limit',
  'grab_too_fast',
  'rate_limited',
  'timeout',
] as const;
/** The least time between two grabs this page sends: the server refuses grabs under 150 ms apart. */
const GAP_MS = 160;

/**
 * A red-packet rain (红包雨), run by ops: a countdown to the start, then packets falling on a canvas
 * for the viewer to tap; each opens on what the server gave (first come, first served, from a
 * budget split in advance), then the viewer's total and the room's top grabbers. Under
 * `prefers-reduced-motion` the packets wait in a calm grid to tap instead. The keyboard plays it:
 * arrows pick a falling packet, Enter or Space grabs it. The widget takes input only inside its own
 * box; size it to cover more.
 *
 * @tag onair-red-packet-rain
 * @summary Red-packet rain: tap falling packets for coins or points, the server splits and pays.
 * @event {CustomEvent<PacketOpenDetail>} onair-packet-open - The server gave the viewer a packet. `detail: { rainId, amount, total }`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - A refused grab, or no room. `detail: { code, message, path }`.
 * @csspart base - The widget's box; `data-phase` is `none`, `scheduled`, `raining`, `ended` or `cancelled`.
 * @csspart header - The line with the time left and the viewer's packets.
 * @csspart title - The rain's title.
 * @csspart stage - The box the packets fall in.
 * @csspart canvas - The canvas the packets are drawn on.
 * @csspart grid - The calm grid of packets (reduced motion).
 * @csspart packet - A packet of the grid; `data-opened` once opened.
 * @csspart countdown - The time to the start.
 * @csspart summary - The end: the viewer's total and the top grabbers.
 * @csspart total - The viewer's total.
 * @csspart board - The list of top grabbers.
 * @csspart entry - One grabber; `data-mine` for the viewer.
 * @csspart status - A line saying what is going on.
 * @cssproperty --onair-red-packet-rain-block-size - The widget's height while a rain is scheduled, falling or summed up (default 22rem).
 * @cssproperty --onair-red-packet-rain-sky - The background the packets fall on.
 */
export class OnairRedPacketRain extends OnairElement {
  static override styles = [...OnairElement.styles, rainStyles];
  static override telemetryKind = 'red-packet-rain';

  /** Id of the room's rain to show; omitted shows the one running (or the next, or the last). */
  @property({ attribute: 'rain', reflect: true }) rainId = '';

  /** The viewer's name among the top grabbers (1–24 characters); omitted shows one from their id. */
  @property({ attribute: 'player-name' }) playerName = '';

  /** Shows the calm grid whatever the system's motion setting (a page's own "less motion" switch). */
  @property({ type: Boolean, reflect: true }) calm = false;

  /** The system asks for less motion (`prefers-reduced-motion: reduce`). */
  @state() private reducedMotion = false;
  /** Grid cells opened on this page (reduced motion): index → label. */
  @state() private cells = new Map<number, string>();

  private store: RainStore | null = null;
  private readonly view = new StoreController<RainView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 4_000);
  private readonly canvas = new RainCanvas(this);
  private readonly telemetry = new RainTelemetry(() => this.widgetTelemetry);
  private readonly source = new RoomSourceController<RainStore>(this, {
    create: (channel) => createRainStore(channel, this.rainId || null),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => this.t('noRoom'),
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });
  private motion: MediaQueryList | null = null;
  private pending = false;
  private lastGrab = 0;
  private phase = '';
  private drawnOn: HTMLCanvasElement | null = null;

  private t(key: RainMessageKey, params?: Record<string, string | number>): string {
    return rainMessage(this.locale, key, params);
  }

  private readonly onMotion = () => {
    this.reducedMotion = !!this.motion?.matches;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.motion = matchMedia('(prefers-reduced-motion: reduce)');
    this.motion.addEventListener('change', this.onMotion);
    this.onMotion();
  }

  override disconnectedCallback(): void {
    this.motion?.removeEventListener('change', this.onMotion);
    this.drawnOn = null; // the drawing stops with the element; it starts again on the next update
    this.telemetry.removed();
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    this.source.update(this.roomContext?.channel ?? null, this.rainId);
    const view = this.view.value;
    this.telemetry.show(view?.rain?.id ?? '');
    if (view) this.announcePhase(view);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas');
    if (canvas === this.drawnOn) return;
    this.drawnOn = canvas;
    // Colors read once per canvas: a style read on every update would recalculate styles each second.
    const style = canvas ? getComputedStyle(canvas) : null;
    this.canvas.attach(canvas, style ? { text: style.color, ring: style.outlineColor } : undefined);
  }

  /** The start and the end are said; the rest shows. */
  private announcePhase(view: RainView): void {
    const key = `${view.rain?.id}|${view.phase}`;
    const before = this.phase;
    this.phase = key;
    if (!before || before === key || !view.rain) return;
    if (view.phase === 'raining')
      this.announcer.announce(this.t('announceStart', { s: Math.round(view.rain.durationMs / 1000) }), true);
    else if (view.phase === 'ended')
      this.announcer.announce(
        this.t('announceOver', { total: formatAmount(view.mine?.total ?? 0, view.rain, this.locale) }),
        true,
      );
    if (view.phase !== 'raining') this.cells = new Map();
  }

  /** One grab: sent at most every 160 ms and one at a time; `done` shows what came back. */
  private async grab(
    surface: 'rain' | 'grid',
    done: (opened: boolean, label: string) => void,
  ): Promise<boolean> {
    const view = this.view.value;
    const rain = view?.rain;
    if (!this.store || !rain || !view.canGrab || this.pending || performance.now() - this.lastGrab < GAP_MS)
      return false;
    this.pending = true;
    this.lastGrab = performance.now();
    this.telemetry.grab(rain.id, surface);
    try {
      const got = await this.store.grab(this.playerName.trim().slice(0, 24) || undefined);
      const amount = formatAmount(got.amount, rain, this.locale);
      done(true, this.t('opened', { amount }));
      this.clearFailure();
      this.telemetry.result(rain.id, got.amount, null);
      this.emit(RainEvents.packetOpen, { rainId: rain.id, amount: got.amount, total: got.total });
      this.announcer.announce(
        this.t('announceOpened', { amount, total: formatAmount(got.total, rain, this.locale) }),
        true,
      );
    } catch (error) {
      const { code = 'action_failed', message = String(error) } = error as {
        code?: string;
        message?: string;
      };
      done(false, this.t('missed'));
      this.telemetry.result(rain.id, 0, code);
      const known = (KNOWN_ERRORS as readonly string[]).includes(code);
      this.reportActionFailure(
        code,
        known ? this.t(`error_${code as (typeof KNOWN_ERRORS)[number]}`) : this.t('error_other', { message }),
      );
    } finally {
      this.pending = false;
    }
    return true;
  }

  private grabSprite(sprite: Sprite | undefined): void {
    if (!sprite) return;
    const before = this.lastGrab;
    void this.grab('rain', (opened, label) => this.canvas.settle(sprite, opened, label));
    // Sent (not skipped as too soon): the packet shows as opening until the answer.
    if (this.lastGrab !== before) this.canvas.opening(sprite);
  }

  private readonly onPointer = (event: PointerEvent) => {
    this.grabSprite(this.canvas.hit(event.clientX, event.clientY));
  };

  private readonly onKey = (event: KeyboardEvent) => {
    const moves: Record<string, -1 | 1> = { ArrowLeft: -1, ArrowRight: 1 };
    if (Object.hasOwn(moves, event.key)) this.canvas.moveFocus(moves[event.key]!);
    else if (event.key === 'Enter' || event.key === ' ')
      this.grabSprite(this.canvas.focused() ?? this.canvas.moveFocus(0));
    else return;
    event.preventDefault();
  };

  private readonly onFocus = (event: FocusEvent) => {
    this.canvas.showFocus = event.type === 'focus';
    if (this.canvas.showFocus && !this.canvas.focused()) this.canvas.moveFocus(0);
  };

  private openCell(index: number): void {
    void this.grab('grid', (opened, label) => {
      this.cells = new Map(this.cells).set(index, label);
      if (!opened) setTimeout(() => this.drop(index, label), 1_200);
    });
  }

  /** A missed cell closes again, so it can be tried once more. */
  private drop(index: number, label: string): void {
    if (this.cells.get(index) !== label) return;
    const next = new Map(this.cells);
    next.delete(index);
    this.cells = next;
  }

  private renderStage(view: RainView): TemplateResult {
    if (this.calm || this.reducedMotion)
      return renderGrid(view, this.cells, this.locale, (i) => this.openCell(i));
    return html`<div part="stage" class="stage">
      <canvas part="canvas" tabindex="0" role="button" aria-label=${this.t('keys')}
        @pointerdown=${this.onPointer} @keydown=${this.onKey} @focus=${this.onFocus} @blur=${this.onFocus}></canvas>
      <p class="help" aria-hidden="true">${this.t('help')}</p>
    </div>`;
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    const rain = view?.rain;
    const phase = view?.phase ?? 'none';
    const body =
      !view || !rain
        ? html`<p part="status">${this.t('noRain')}</p>`
        : phase === 'scheduled'
          ? renderWaiting(view, this.locale)
          : phase === 'raining'
            ? this.renderStage(view)
            : renderSummary(view, this.locale);
    return html`<div part="base" class=${this.baseClass} data-phase=${phase} role="group" aria-labelledby="title">
      ${renderHeader(view, this.locale)} ${body} ${this.renderActionFailure() ?? nothing} ${this.announcer.render()}
    </div>`;
  }
}
