import {
  AnnounceController,
  dispatchIntent,
  formatCountdown,
  keepFocus,
  OnairElement,
  RoomSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DrawEvents, type PrizeClaimAnswer } from '../events.js';
import { type DrawMessageKey, drawMessage } from './draw.messages.js';
import { drawStyles } from './draw.styles.js';
import { createDrawStore, type DrawStore, type DrawView } from './draw-store.js';
import { DrawTelemetry } from './draw-telemetry.js';
import { type ClaimState, renderDraw } from './draw-view.js';

const KNOWN_ERRORS = ['condition_unmet', 'draw_closed', 'win_limit', 'rate_limited', 'timeout'] as const;

/**
 * A lucky draw (福袋): the prize, what the viewer needs to do to join and what they still have to,
 * the entrants live and the countdown by the server's clock; then the result — a claim for a winner,
 * "not this time" for the others — the winners, and a "Verify" button that recomputes the draw in
 * the browser from what the server published (packages/games/FAIRNESS.md).
 *
 * @tag onair-lucky-draw
 * @summary Verifiable lucky draw with entry conditions, a server-timed countdown and a prize claim.
 * @event {CustomEvent<DrawEnterDetail>} onair-draw-enter - The server accepted the viewer's entry. `detail: { drawId, entrants }`.
 * @event {CustomEvent<PrizeClaimDetail>} onair-prize-claim - Cancelable intent when a winner claims; answer with `detail.respondWith({ ok, message })`. `detail: { drawId, prize, entrant, respondWith }`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - A refused entry, or no room. `detail: { code, message, path }`.
 * @csspart base - The draw's box; `data-phase` is `none`, `open`, `drawing` or `revealed`.
 * @csspart header - The title and the countdown.
 * @csspart title - "Lucky draw".
 * @csspart timer - The countdown; `data-urgent` in the last 10 s.
 * @csspart prize - The prize's picture, name and quantity.
 * @csspart image - The prize's picture.
 * @csspart prize-name - The prize's name.
 * @csspart quantity - How many win.
 * @csspart entrants - How many joined.
 * @csspart conditions - What it takes to join, and the rules.
 * @csspart condition - One condition; `data-met` once the viewer meets it.
 * @csspart rule - A rule the server applies (win limit, "not won recently first").
 * @csspart join - The join button.
 * @csspart status - "You're in", or "Drawing the winners…".
 * @csspart result - The viewer's result; `data-outcome` is `won`, `lost` or `out`.
 * @csspart claim - The winner's claim button.
 * @csspart claim-status - What became of the claim.
 * @csspart winners - The winners list.
 * @csspart winner - One winner; `data-mine` for the viewer.
 * @csspart fairness - The verify button, the commitment and the verdict.
 * @csspart verify - The verify button.
 * @csspart commitment - The commitment published at creation.
 * @csspart verdict - What the verification found; `data-ok` is `true` or `false`.
 * @cssproperty --onair-lucky-draw-accent-color - The join and claim buttons, the countdown, met conditions.
 * @cssproperty --onair-lucky-draw-max-block-size - Tallest the draw gets before its content scrolls (default min(40rem, 90dvh)).
 */
export class OnairLuckyDraw extends OnairElement {
  static override styles = [...OnairElement.styles, ...drawStyles];
  static override telemetryKind = 'lucky-draw';

  /** Id of the room's draw to show; omitted shows the open one (else the last revealed). */
  @property({ attribute: 'draw', reflect: true }) drawId = '';

  @state() private claim: ClaimState = { state: 'idle' };

  private store: DrawStore | null = null;
  private readonly view = new StoreController<DrawView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 4_000);
  private readonly telemetry = new DrawTelemetry(this, () => this.widgetTelemetry);
  private readonly source = new RoomSourceController<DrawStore>(this, {
    create: (channel) => createDrawStore(channel, this.drawId || null),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => this.t('noRoom'),
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });
  private spoken = '';

  private t(key: DrawMessageKey, params?: Record<string, string | number>): string {
    return drawMessage(this.locale, key, params);
  }

  override disconnectedCallback(): void {
    this.telemetry.removed();
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    this.source.update(this.roomContext?.channel ?? null, this.drawId);
    const view = this.view.value;
    if (!view) return;
    this.telemetry.update(view);
    // Said when the phase changes (entries close, the result arrives), never every second.
    const step = `${view.draw?.id}|${view.phase}|${view.outcome}`;
    if (this.spoken && step !== this.spoken && view.draw) {
      if (view.phase === 'drawing') this.announcer.announce(this.t('announceDrawing'), true);
      else if (view.outcome)
        this.announcer.announce(
          view.outcome === 'won' ? this.t('won', { prize: view.draw.prize.name }) : this.t(view.outcome),
          true,
        );
      else if (view.phase === 'open' && view.remainingMs !== null)
        this.announcer.announce(
          this.t('announceOpen', { prize: view.draw.prize.name, time: formatCountdown(view.remainingMs) }),
          false,
        );
    }
    if (step.split('|')[0] !== this.spoken.split('|')[0]) this.claim = { state: 'idle' };
    this.spoken = step;
  }

  private onEnter = (): Promise<void> =>
    keepFocus(
      this,
      () => this.enter(),
      () => this.renderRoot.querySelector<HTMLElement>('[part~="status"], [part~="join"]'),
    );

  private async enter(): Promise<void> {
    if (!this.store) return;
    try {
      const { draw, entrants } = await this.store.enter();
      this.clearFailure();
      this.emit(DrawEvents.enter, { drawId: draw, entrants });
      this.telemetry.entered(draw, entrants);
      this.announcer.announce(this.t('announceJoined'), true);
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
      const known = (KNOWN_ERRORS as readonly string[]).includes(code);
      this.reportActionFailure(
        code,
        known ? this.t(`error_${code as (typeof KNOWN_ERRORS)[number]}`) : this.t('error_other', { message }),
        path,
      );
    }
  }

  /** The host owns the prize: it answers the intent, takes it over, or the widget says it will call. */
  private onClaim = async (): Promise<void> => {
    const view = this.view.value;
    const draw = view?.draw;
    if (!draw || view.outcome !== 'won') return;
    const outcome = dispatchIntent(this, DrawEvents.prizeClaim, {
      drawId: draw.id,
      prize: { name: draw.prize.name, image: draw.prize.image },
      entrant: view.entrant,
    });
    if (outcome.kind === 'vetoed') return;
    if (outcome.kind === 'default') {
      this.claim = { state: 'host' };
      return;
    }
    this.claim = { state: 'claiming' };
    let answer: PrizeClaimAnswer;
    try {
      answer = await outcome.answer;
    } catch (error) {
      answer = { ok: false, message: String((error as Error)?.message ?? error) };
    }
    this.claim = { state: 'done', ok: !!answer?.ok, message: answer?.message ?? '' };
  };

  private onVerify = async (): Promise<void> => {
    const result = await this.store?.verify();
    if (result && !result.ok)
      this.reportActionFailure(result.reason, this.t('verifyFailed', { reason: result.message }));
  };

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    if (!view?.draw)
      return html`<div part="base" class=${this.baseClass} data-phase="none"><p part="status">${this.t('noDraw')}</p>${this.announcer.render()}</div>`;
    return html`<div part="base" class=${this.baseClass} data-phase=${view.phase} role="group" aria-labelledby="title"
      tabindex=${view.canEnter || view.phase === 'revealed' ? nothing : 0}>
      ${renderDraw({
        view,
        locale: this.locale,
        claim: this.claim,
        enter: () => void this.onEnter(),
        claimPrize: () => void this.onClaim(),
        verify: () => void this.onVerify(),
      })}
      ${this.renderActionFailure() ?? ''} ${this.announcer.render()}
    </div>`;
  }
}
