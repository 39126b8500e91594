/**
 * `<onair-campaign-preview>`: the campaign played by the campaign package's dry run in an in-page
 * room (the same features and player as the server) at N× speed, shown by the real elements —
 * `<onair-slot>`s placing `<onair-poll>`, `<onair-product-card>`, … — in a phone and a desktop
 * frame, each its own viewer (so an experiment can give them different variations), in the chosen
 * theme and language. Loaded lazily with the Preview tab: it carries every feature's model and the
 * elements. Manual items are not pressed here.
 */
import '@onair/campaign/onair-slot.js';
import '@onair/commerce/onair-product-card.js';
import '@onair/polls/onair-poll.js';
import '@onair/surveys/onair-survey.js';
import '@onair/games/onair-quiz.js';
import '@onair/games/onair-lucky-draw.js';
import { type DryRunEvent, dryRun } from '@onair/campaign/model.js';
import { productsFeature } from '@onair/commerce/model.js';
import { createRoom } from '@onair/core';
import type { LocalRoom } from '@onair/core/local-room.js';
import { drawFeature, hostFactsFeature, quizFeature, rainFeature } from '@onair/games/model.js';
import { giftsFeature } from '@onair/gifts/model.js';
import { pollsFeature } from '@onair/polls/model.js';
import { surveysFeature } from '@onair/surveys/model.js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, queryAll, state } from 'lit/decorators.js';
import { type Locale, t } from './i18n.js';

/** The features the reference server runs (packages/server/src/features.ts), campaign aside. */
const FEATURES = [
  pollsFeature,
  giftsFeature(),
  productsFeature,
  surveysFeature,
  quizFeature,
  hostFactsFeature,
  drawFeature,
  rainFeature(),
];

type Frame = 'phone' | 'desktop';
type SlotElement = HTMLElement & { name: string; room: unknown };

/** Where a slot sits on the stage, read from its name (`overlay-bottom-left`). */
const corner = (name: string) =>
  `${name.includes('top') ? 'top' : 'bottom'} ${name.includes('left') ? 'left' : name.includes('right') ? 'right' : 'center'}`;

@customElement('onair-campaign-preview')
export class OnairCampaignPreview extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--sl-spacing-small); font-size: var(--sl-font-size-small); }
    .bar { display: flex; flex-wrap: wrap; gap: var(--sl-spacing-x-small); align-items: end; }
    .frames { min-width: 0; display: flex; flex-wrap: wrap; gap: var(--sl-spacing-medium); align-items: flex-start; }
    .frame { margin: 0; display: grid; min-width: 0; gap: var(--sl-spacing-2x-small); max-width: 100%; overflow: auto; }
    .frame:focus-visible { outline: var(--sl-focus-ring); outline-offset: 2px; }
    .caption { color: var(--sl-color-neutral-700); position: sticky; left: 0; }
    /* Real viewport sizes, zoomed to fit: the widgets lay out as on a 375 px phone and a 1280 px screen. */
    .stage { position: relative; overflow: hidden; border-radius: 24px; border: 2px solid var(--sl-color-neutral-300); background: linear-gradient(160deg, #3b2a4d, #17202e); }
    .phone { width: 375px; height: 667px; zoom: 0.66; }
    .desktop { width: 1280px; height: 720px; zoom: 0.5; border-radius: 12px; }
    onair-slot { position: absolute; width: 360px; max-width: calc(100% - 16px); }
    onair-slot.top { top: 8px; } onair-slot.bottom { bottom: 8px; }
    onair-slot.left { left: 8px; } onair-slot.right { right: 8px; }
    onair-slot.center { left: 50%; translate: -50% 0; }
    /* On the phone, slots on both sides would overlap: the right one sits above the left one. */
    .phone onair-slot.bottom.right { bottom: 50%; }
    ol { margin: 0; padding-inline-start: 1.2rem; max-height: 10rem; overflow: auto; }
    .error { color: var(--sl-color-danger-700); }
    code { overflow-wrap: anywhere; }
  `;

  @property({ attribute: false }) doc: unknown = {};
  @property() locale: Locale = 'en';
  @state() private speed = 10;
  /** Chosen here; until then the console's own theme and language. */
  @state() private chosenTheme: 'light' | 'dark' | null = null;
  @state() private chosenLang: Locale | null = null;
  private get theme(): 'light' | 'dark' {
    return (
      this.chosenTheme ?? (document.documentElement.classList.contains('sl-theme-dark') ? 'dark' : 'light')
    );
  }
  private get viewLang(): Locale {
    return this.chosenLang ?? this.locale;
  }
  @state() private events: DryRunEvent[] = [];
  @state() private error = '';
  @state() private playing = false;
  @queryAll('onair-slot') private slotEls!: NodeListOf<SlotElement>;
  private room: LocalRoom | null = null;
  private run = 0;

  override disconnectedCallback(): void {
    this.stop();
    super.disconnectedCallback();
  }

  private stop(): void {
    this.run++;
    this.room?.dispose();
    this.room = null;
    this.playing = false;
    for (const slot of this.slotEls ?? []) slot.room = null;
  }

  private slotNames(): string[] {
    const timeline = ((this.doc as { timeline?: { slot?: string }[] })?.timeline ?? []).filter(Boolean);
    return [...new Set(timeline.map((item) => item.slot).filter((s): s is string => !!s))];
  }

  private async play(): Promise<void> {
    this.stop();
    const run = this.run;
    this.events = [];
    this.error = '';
    this.playing = true;
    await this.updateComplete;
    const doc = this.doc as { room?: string };
    dryRun(
      { ...(doc as object), goLive: new Date().toISOString() },
      {
        features: FEATURES,
        speed: this.speed,
        keepRoom: true,
        onRoom: (local) => {
          if (run !== this.run) return;
          this.room = local;
          // One viewer per frame, each with its own channel: its own variation of each experiment.
          for (const frame of ['phone', 'desktop'] as Frame[]) {
            const viewer = createRoom({
              room: local.room,
              channel: local.connect(),
              lang: this.viewLang,
              theme: this.theme,
            });
            for (const slot of this.slotEls) if (slot.dataset['frame'] === frame) slot.room = viewer;
          }
        },
        onEvent: (event) => {
          if (run === this.run) this.events = [...this.events, event];
        },
      },
    ).then(
      () => {
        if (run === this.run) this.playing = false;
      },
      (error: Error & { issues?: { path: string }[] }) => {
        if (run !== this.run) return;
        this.playing = false;
        this.error = error.issues?.[0]
          ? `${t(this.locale).previewInvalid}: ${error.issues[0].path}`
          : error.message;
      },
    );
  }

  override render() {
    const w = t(this.locale);
    const names = this.slotNames();
    const frame = (
      kind: Frame,
    ) => html`<section class="frame" tabindex="0" aria-label=${kind === 'phone' ? w.previewPhone : w.previewDesktop}>
      <div class="caption" aria-hidden="true">${kind === 'phone' ? w.previewPhone : w.previewDesktop}</div>
      <div class="stage ${kind}" data-frame=${kind}>
        ${names.map((name) => html`<onair-slot data-frame=${kind} class=${corner(name)} .name=${name} theme=${this.theme} lang=${this.viewLang}></onair-slot>`)}
      </div>
    </section>`;
    return html`
      <div class="bar">
        <sl-select size="small" label=${w.previewSpeed} .value=${String(this.speed)} @sl-change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value))}>
          ${[1, 10, 60].map((n) => html`<sl-option value=${String(n)}>${n}×</sl-option>`)}
        </sl-select>
        <sl-select size="small" label=${w.language} .value=${this.viewLang} @sl-change=${(e: Event) => {
          this.chosenLang = (e.target as HTMLSelectElement).value as Locale;
          this.stop();
        }}>
          <sl-option value="en">English</sl-option><sl-option value="zh-CN">简体中文</sl-option>
        </sl-select>
        <sl-select size="small" label=${w.theme} .value=${this.theme} @sl-change=${(e: Event) => {
          this.chosenTheme = (e.target as HTMLSelectElement).value as 'light' | 'dark';
          this.stop();
        }}>
          <sl-option value="light">${w.light}</sl-option><sl-option value="dark">${w.dark}</sl-option>
        </sl-select>
        <sl-button size="small" variant="primary" data-testid="preview-play" @click=${() => this.play()}>${this.playing ? w.previewRestart : w.previewPlay}</sl-button>
        ${this.playing ? html`<sl-button size="small" @click=${() => this.stop()}>${w.previewStop}</sl-button>` : nothing}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="frames">${frame('phone')}${frame('desktop')}</div>
      <div aria-live="polite">
        <ol data-testid="preview-events">${this.events
          .filter((e) => e.kind !== 'slot')
          .map(
            (e) =>
              html`<li>${Math.round(e.at / 100) / 10} s · <code>${e.item ?? ''}</code> ${e.command ?? ''} ${e.kind === 'end' ? `(${w.previewEnded})` : ''}</li>`,
          )}</ol>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-campaign-preview': OnairCampaignPreview;
  }
}
