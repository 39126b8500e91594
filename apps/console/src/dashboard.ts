/**
 * `<onair-dashboard>`: the insight dashboard over the Stats API (`GET /v1/stats/rooms/:room`).
 * Filters: room, campaign, range (a preset ending now, or from–to); during a stream ("Live") it
 * refreshes every 5 s. Each chart has its data table (what a screen reader reads, and what the
 * end-to-end test reads) and its CSV export (the API's `<section>.csv`). Filters can come from the
 * hash (`#/dashboard?room=…&range=15m|1h|6h|24h` or `&from=…&to=…`, `&campaign=…`): a link to a
 * view, never to a token.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, downloadCsv } from './api.js';
import { type CampaignDoc, type LiveNow, weightsParam } from './campaign-data.js';
import { palette } from './chart.js';
import './chart.js';
import { clock, dateTime, type Locale, number, percent, t } from './i18n.js';
import {
  ctrProductsOption,
  ctrWindowsOption,
  experimentOption,
  funnelOption,
  giftsOption,
  keywordsOption,
  liveLabel,
  participationOption,
  surveyOption,
  windowName,
} from './options.js';
import { MINUTE, type StatsDocument } from './stats.js';

const PRESETS = { '15m': 15, '1h': 60, '6h': 360, '24h': 1440 } as const;
type Preset = keyof typeof PRESETS | 'custom';
const REFRESH_MS = 5_000;

/** `2026-12-01T20:00` (local) ↔ epoch ms, as `<input type="datetime-local">` holds it. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * MINUTE);
  return d.toISOString().slice(0, 16);
};
const fromLocalInput = (text: string) => (text ? new Date(text).getTime() : Number.NaN);

@customElement('onair-dashboard')
export class OnairDashboard extends LitElement {
  static override styles = css`
    :host { display: block; }
    .filters { display: flex; flex-wrap: wrap; align-items: end; gap: var(--sl-spacing-small); margin-bottom: var(--sl-spacing-medium); }
    .filters sl-input, .filters .range { width: 11rem; }
    @media (max-width: 26rem) { .filters sl-input, .filters .range, .filters .when { width: 100%; } }
    .filters .when { width: 13.5rem; }
    .status { font-size: var(--sl-font-size-small); color: var(--sl-color-neutral-700); min-height: 1.5em; margin: 0 0 var(--sl-spacing-small); }
    .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: var(--sl-spacing-small); margin: 0 0 var(--sl-spacing-medium); padding: 0; }
    .tile { background: var(--sl-color-neutral-0); border: 1px solid var(--sl-color-neutral-200); border-radius: var(--sl-border-radius-large); padding: var(--sl-spacing-small) var(--sl-spacing-medium); }
    .tile dt { font-size: var(--sl-font-size-small); color: var(--sl-color-neutral-700); }
    .tile dd { margin: 0; font-size: var(--sl-font-size-x-large); font-weight: var(--sl-font-weight-semibold); font-variant-numeric: tabular-nums; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: var(--sl-spacing-medium); }
    section { background: var(--sl-color-neutral-0); border: 1px solid var(--sl-color-neutral-200); border-radius: var(--sl-border-radius-large); padding: var(--sl-spacing-small) var(--sl-spacing-medium) var(--sl-spacing-medium); min-width: 0; }
    section header { display: flex; align-items: center; gap: var(--sl-spacing-small); }
    h2 { font-size: var(--sl-font-size-medium); margin: 0; margin-inline-end: auto; }
    .empty { color: var(--sl-color-neutral-700); font-size: var(--sl-font-size-small); padding: var(--sl-spacing-large) 0; }
    details { margin-top: var(--sl-spacing-x-small); font-size: var(--sl-font-size-small); }
    summary { cursor: pointer; color: var(--sl-color-primary-700); }
    summary:focus-visible { outline: var(--sl-focus-ring); outline-offset: 2px; }
    /* Focusable, so a wide table scrolls from the keyboard too. */
    .scroll { overflow-x: auto; }
    .scroll:focus-visible { outline: var(--sl-focus-ring); outline-offset: 2px; }
    table { border-collapse: collapse; width: 100%; margin-top: var(--sl-spacing-x-small); font-variant-numeric: tabular-nums; }
    th, td { text-align: start; padding: 2px 8px 2px 0; border-bottom: 1px solid var(--sl-color-neutral-200); white-space: nowrap; }
    .peaks { margin: var(--sl-spacing-x-small) 0 0; padding-inline-start: 1.2em; font-size: var(--sl-font-size-small); }
    sl-select.pick { width: 12rem; }
    @media (forced-colors: active) { section, .tile { border-color: CanvasText; } }
  `;

  @property() locale: Locale = 'en';
  @property({ type: Boolean }) dark = false;
  /** The token holds `campaigns:read`: the live campaign's weights are read (else never asked). */
  @property({ type: Boolean }) campaigns = false;

  @state() private room = 'demo';
  @state() private campaign = '';
  @state() private preset: Preset = '1h';
  @state() private customFrom = '';
  @state() private customTo = '';
  @state() private live = true;
  @state() private doc: StatsDocument | null = null;
  @state() private error = '';
  @state() private loadedAt = 0;
  @state() private loading = false;
  @state() private surveyIndex = 0;
  @state() private experimentIndex = 0;
  /** The weights the sample-ratio check used (`weights=`), from the live campaign. */
  @state() private weights: string | null = null;
  private weightsCache: { key: string; doc: CampaignDoc } | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
    this.room = query.get('room') ?? localStorage.getItem('onair-console-room') ?? 'demo';
    this.campaign = query.get('campaign') ?? '';
    const range = query.get('range');
    if (range && Object.hasOwn(PRESETS, range)) this.preset = range as Preset;
    const from = Number(query.get('from'));
    const to = Number(query.get('to'));
    if (from > 0 && to > from) {
      this.preset = 'custom';
      this.live = false;
      this.customFrom = toLocalInput(from);
      this.customTo = toLocalInput(to);
    }
    void this.load();
    this.timer = setInterval(() => {
      if (this.live && this.preset !== 'custom' && document.visibilityState === 'visible') void this.load();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    super.disconnectedCallback();
  }

  /** [from, to) in whole minutes, as the API wants them. */
  private range(): { from: number; to: number } | null {
    if (this.preset === 'custom') {
      const from = Math.floor(fromLocalInput(this.customFrom) / MINUTE) * MINUTE;
      const to = Math.ceil(fromLocalInput(this.customTo) / MINUTE) * MINUTE;
      return Number.isFinite(from) && Number.isFinite(to) && to > from ? { from, to } : null;
    }
    const to = Math.floor(Date.now() / MINUTE) * MINUTE + MINUTE;
    return { from: to - PRESETS[this.preset] * MINUTE, to };
  }

  private query(): string | null {
    const range = this.range();
    if (!range) return null;
    const params = new URLSearchParams({ from: String(range.from), to: String(range.to) });
    if (this.campaign) params.set('campaign', this.campaign);
    return params.toString();
  }

  /**
   * The live campaign's weights for the experiment on show (`control:0.5,discount:0.5`), so the
   * Stats API's sample-ratio check tests against them; null without a campaign with experiments,
   * without `campaigns:read`, or with a weight of 0 (the API takes weights > 0 only).
   */
  private async campaignWeights(): Promise<string | null> {
    if (!this.campaigns) return null;
    const base = `/v1/rooms/${encodeURIComponent(this.room)}/campaign`;
    const now = await api<LiveNow>(base);
    const record = now.ok ? now.value.campaign : null;
    if (!record?.experiments.length || (this.campaign && this.campaign !== record.id)) return null;
    const cached = this.weightsCache;
    let doc = cached && cached.key === `${this.room}/${record.version}` ? cached.doc : null;
    if (!doc) {
      const got = await api<{ campaign: CampaignDoc }>(`${base}/versions/${record.version}`);
      if (!got.ok) return null;
      doc = got.value.campaign;
      this.weightsCache = { key: `${this.room}/${record.version}`, doc };
    }
    const shown = this.doc?.experiments.experiments[this.experimentIndex]?.experiment;
    const key = shown && record.experiments.includes(shown) ? shown : record.experiments[0]!;
    const found = doc.experiments?.find((e) => e.key === key);
    if (!found || found.weights.some((weight) => !(weight > 0))) return null;
    return weightsParam(doc, key);
  }

  private async load(): Promise<void> {
    let query = this.query();
    if (!query || !this.room) {
      this.error = `${t(this.locale).range}: ${t(this.locale).from} < ${t(this.locale).to}`;
      return;
    }
    this.loading = true;
    this.weights = await this.campaignWeights();
    if (this.weights) query += `&${new URLSearchParams({ weights: this.weights })}`;
    const answer = await api<StatsDocument>(`/v1/stats/rooms/${encodeURIComponent(this.room)}?${query}`);
    this.loading = false;
    if (answer.ok) {
      this.doc = answer.value;
      this.error = '';
      this.loadedAt = Date.now();
    } else this.error = answer.error.message;
  }

  private csv(section: string): void {
    const query = this.query();
    if (query)
      void downloadCsv(
        `/v1/stats/rooms/${encodeURIComponent(this.room)}/${section}.csv?${query}`,
        `${this.room}-${section}.csv`,
      );
  }

  private apply(): void {
    localStorage.setItem('onair-console-room', this.room);
    void this.load();
  }

  private card(
    id: string,
    title: string,
    csv: string,
    body: TemplateResult | typeof nothing,
    table: TemplateResult,
    extra: TemplateResult | typeof nothing = nothing,
  ) {
    const w = t(this.locale);
    return html`<section aria-labelledby="h-${id}" data-section=${id}>
      <header>
        <h2 id="h-${id}">${title}</h2>
        ${extra}
        <sl-button size="small" aria-label=${w.downloadCsv(title)} @click=${() => this.csv(csv)}>${w.csv}</sl-button>
      </header>
      ${body}
      <details><summary>${w.dataTable}</summary><div class="scroll" tabindex="0" role="region" aria-label="${title}: ${w.dataTable}">${table}</div></details>
    </section>`;
  }

  private chart(label: string, option: unknown, empty: boolean, height?: number) {
    if (empty) return html`<p class="empty">${t(this.locale).noData}</p>`;
    return html`<onair-chart .height=${height ?? 260} .option=${option} label=${label} .locale=${this.locale} ?dark=${this.dark}></onair-chart>`;
  }

  override render() {
    const w = t(this.locale);
    const l = this.locale;
    const d = this.doc;
    const p = palette();
    return html`
      <div class="filters" role="search">
        <sl-input size="small" label=${w.room} .value=${this.room} @sl-change=${(e: Event) => {
          this.room = (e.target as HTMLInputElement).value.trim();
          this.apply();
        }}></sl-input>
        <sl-input size="small" label=${w.campaign} placeholder=${w.campaignHint} .value=${this.campaign} @sl-change=${(
          e: Event,
        ) => {
          this.campaign = (e.target as HTMLInputElement).value.trim();
          this.apply();
        }}></sl-input>
        <sl-select class="range" size="small" label=${w.range} value=${this.preset} @sl-change=${(
          e: Event,
        ) => {
          this.preset = (e.target as HTMLInputElement).value as Preset;
          if (this.preset === 'custom' && !this.customFrom) {
            const r = { to: Date.now(), from: Date.now() - 3_600_000 };
            this.customFrom = toLocalInput(r.from);
            this.customTo = toLocalInput(r.to);
          }
          this.apply();
        }}>
          <sl-option value="15m">${w.last15}</sl-option>
          <sl-option value="1h">${w.lastHour}</sl-option>
          <sl-option value="6h">${w.last6h}</sl-option>
          <sl-option value="24h">${w.lastDay}</sl-option>
          <sl-option value="custom">${w.custom}</sl-option>
        </sl-select>
        ${
          this.preset === 'custom'
            ? html`<sl-input class="when" size="small" type="datetime-local" label=${w.from} .value=${this.customFrom} @sl-change=${(
                e: Event,
              ) => {
                this.customFrom = (e.target as HTMLInputElement).value;
                this.apply();
              }}></sl-input>
                <sl-input class="when" size="small" type="datetime-local" label=${w.to} .value=${this.customTo} @sl-change=${(
                  e: Event,
                ) => {
                  this.customTo = (e.target as HTMLInputElement).value;
                  this.apply();
                }}></sl-input>`
            : html`<sl-switch size="small" ?checked=${this.live} help-text=${w.liveHint} @sl-change=${(
                e: Event,
              ) => {
                this.live = (e.target as HTMLInputElement).checked;
              }}>${w.live}</sl-switch>`
        }
        <sl-button size="small" ?loading=${this.loading} @click=${() => this.load()}>${w.refresh}</sl-button>
      </div>
      <p class="status" role="status">${this.error ? html`<sl-alert variant="danger" open>${this.error}</sl-alert>` : this.loadedAt ? `${w.updated} ${dateTime(l, this.loadedAt)}` : w.loading}</p>
      ${d ? this.renderDoc(d, w, l, p) : nothing}
    `;
  }

  private renderDoc(d: StatsDocument, w: ReturnType<typeof t>, l: Locale, p: ReturnType<typeof palette>) {
    const gifts = d.gifts.series[0];
    const survey = d.surveys.surveys[this.surveyIndex] ?? d.surveys.surveys[0];
    const experiment = d.experiments.experiments[this.experimentIndex] ?? d.experiments.experiments[0];
    const windows = d.products.products
      .flatMap((x) => x.windows.map((win) => ({ product: x.product, ...win })))
      .sort((a, b) => a.pinnedAt - b.pinnedAt);
    const tile = (id: string, label: string, value: string) =>
      html`<div class="tile"><dt>${label}</dt><dd data-figure=${id}>${value}</dd></div>`;
    return html`
      <dl class="tiles">
        ${tile('viewers', w.viewers, number(l, d.viewers))}
        ${tile('participants', w.participants, number(l, d.participants))}
        ${tile('participationRate', w.participationRate, percent(l, d.participationRate))}
        ${tile('dwellMedian', w.dwellMedian, d.dwell.medianMs === null ? '—' : `${number(l, Math.round(d.dwell.medianMs / 1000))} s`)}
        ${tile('returning7', w.returning7, percent(l, d.returning.days7.share))}
        ${tile('messages', w.messages, number(l, d.chat.messages))}
      </dl>
      <div class="grid">
        ${this.card(
          'participation',
          w.participation,
          'participation-minutes',
          this.chart(w.participation, participationOption(d, w, p), d.participationMinutes.length === 0),
          html`<table><thead><tr><th scope="col">${w.minute}</th><th scope="col">${w.viewers}</th><th scope="col">${w.participants}</th></tr></thead>
          <tbody>${d.participationMinutes.map((m) => html`<tr><td>${clock(l, m.minute * MINUTE)}</td><td>${number(l, m.viewers)}</td><td>${number(l, m.participants)}</td></tr>`)}</tbody></table>`,
        )}

        ${this.card(
          'gifts',
          w.gifts,
          'gifts',
          gifts
            ? html`${this.chart(w.gifts, giftsOption(gifts, w, p, l), gifts.minutes.length === 0)}
            ${gifts.peaks.length ? html`<ul class="peaks" aria-label=${w.peak}>${gifts.peaks.map((peak) => html`<li data-peak=${peak.minute}>${w.peak} ${clock(l, peak.minute * MINUTE)}: ${number(l, peak.value)} ${gifts.currency}${liveLabel(peak.live, w) ? ` — ${w.liveAtPeak}: ${liveLabel(peak.live, w)}` : ''}</li>`)}</ul>` : nothing}`
            : this.chart('', null, true),
          html`<table><thead><tr><th scope="col">${w.minute}</th><th scope="col">${w.giftCount}</th><th scope="col">${w.giftValue}</th></tr></thead>
          <tbody>${(gifts?.minutes ?? []).map((m) => html`<tr><td>${clock(l, m.minute * MINUTE)}</td><td>${number(l, m.count)}</td><td>${number(l, m.value)} ${gifts?.currency}</td></tr>`)}</tbody></table>`,
        )}

        ${this.card(
          'funnel',
          w.funnel,
          'funnel',
          this.chart(
            w.funnel,
            funnelOption(d, w, p, l),
            d.funnel.steps.every((s) => s.viewers === 0),
          ),
          html`<table><thead><tr><th scope="col">${w.step}</th><th scope="col">${w.viewers}</th><th scope="col">${w.conversion}</th><th scope="col">${w.leak}</th></tr></thead>
          <tbody>${d.funnel.steps.map((s) => html`<tr data-step=${s.step}><td>${w.steps[s.step] ?? s.step}</td><td>${number(l, s.viewers)}</td><td>${percent(l, s.conversion)}</td><td>${percent(l, s.leak)}</td></tr>`)}</tbody></table>`,
        )}

        ${this.card(
          'products',
          w.ctrProducts,
          'products',
          this.chart(w.ctrProducts, ctrProductsOption(d, w, p, l), d.products.products.length === 0),
          html`<table><thead><tr><th scope="col">${w.product}</th><th scope="col">${w.impressed}</th><th scope="col">${w.clickers}</th><th scope="col">${w.ctr}</th></tr></thead>
          <tbody>${d.products.products.map((x) => html`<tr data-product=${x.product}><td>${x.product}</td><td>${number(l, x.impressed)}</td><td>${number(l, x.clickers)}</td><td>${percent(l, x.ctr)}</td></tr>`)}</tbody></table>`,
        )}

        ${this.card(
          'windows',
          w.ctrWindows,
          'products',
          this.chart(w.ctrWindows, ctrWindowsOption(d, w, p, l), windows.length === 0),
          html`<table><thead><tr><th scope="col">${w.window}</th><th scope="col">${w.impressed}</th><th scope="col">${w.clickers}</th><th scope="col">${w.ctr}</th></tr></thead>
          <tbody>${windows.map((x) => html`<tr data-window="${x.product}@${x.pinnedAt}"><td>${windowName(x.product, x.pinnedAt, l)}</td><td>${number(l, x.impressed)}</td><td>${number(l, x.clickers)}</td><td>${percent(l, x.ctr)}</td></tr>`)}</tbody></table>`,
        )}

        ${this.card(
          'surveys',
          w.surveys,
          'surveys',
          survey
            ? this.chart(w.surveys, surveyOption(survey, w, p), survey.questions.length === 0)
            : this.chart('', null, true),
          html`<table><thead><tr><th scope="col">${w.survey}</th><th scope="col">${w.starters}</th><th scope="col">${w.submitters}</th><th scope="col">${w.completion}</th><th scope="col">${w.question}</th><th scope="col">${w.answered}</th><th scope="col">${w.dropOff}</th></tr></thead>
          <tbody>${d.surveys.surveys.flatMap((s) => s.questions.map((q) => html`<tr data-question="${s.survey}/${q.question}"><td>${s.survey}</td><td>${number(l, s.starters)}</td><td>${number(l, s.submitters)}</td><td>${percent(l, s.completion)}</td><td>${q.question}</td><td>${number(l, q.answered)}</td><td>${number(l, q.dropOff)}</td></tr>`))}</tbody></table>`,
          d.surveys.surveys.length > 1
            ? html`<sl-select class="pick" size="small" aria-label=${w.survey} value=${String(this.surveyIndex)} @sl-change=${(
                e: Event,
              ) => {
                this.surveyIndex = Number((e.target as HTMLSelectElement).value);
              }}>${d.surveys.surveys.map((s, i) => html`<sl-option value=${String(i)}>${s.survey}</sl-option>`)}</sl-select>`
            : nothing,
        )}

        ${this.card(
          'keywords',
          w.keywords,
          'keywords',
          this.chart(
            w.keywords,
            keywordsOption(d, w, p),
            d.chat.keywords.length === 0,
            Math.max(200, d.chat.keywords.length * 20 + 20),
          ),
          html`<table><thead><tr><th scope="col">${w.word}</th><th scope="col">${w.count}</th></tr></thead>
          <tbody>${d.chat.keywords.map((k) => html`<tr data-word=${k.word}><td>${k.word}</td><td>${number(l, k.count)}</td></tr>`)}</tbody></table>`,
        )}

        ${this.card(
          'experiments',
          w.experiments,
          'experiments',
          experiment
            ? this.chart(
                w.experiments,
                experimentOption(experiment, w, p, l),
                experiment.variations.length === 0,
              )
            : this.chart('', null, true),
          html`<table><thead><tr><th scope="col">${w.experiment}</th><th scope="col">${w.variation}</th><th scope="col">${w.exposed}</th><th scope="col">${w.converted}</th><th scope="col">${w.rate}</th><th scope="col">${w.interval}</th><th scope="col">${w.difference}</th><th scope="col">${w.srm}</th></tr></thead>
          <tbody>${d.experiments.experiments.flatMap((e) => e.variations.map((v) => html`<tr data-variation="${e.experiment}/${v.variation}"><td>${e.experiment}</td><td>${v.variation}</td><td>${number(l, v.exposed)}</td><td>${number(l, v.converted)}</td><td>${percent(l, v.rate)}</td><td>${v.interval ? `${percent(l, v.interval.low)} – ${percent(l, v.interval.high)}` : '—'}</td><td>${v.difference ? `${percent(l, v.difference.value)} (${percent(l, v.difference.interval.low)} – ${percent(l, v.difference.interval.high)})` : '—'}</td><td>${e.srm ? number(l, e.srm.p) : '—'}</td></tr>`))}</tbody></table>
          ${this.weights ? html`<p class="peaks" data-testid="srm-weights">${w.srmWeights(this.weights)}</p>` : nothing}`,
          d.experiments.experiments.length > 1
            ? html`<sl-select class="pick" size="small" aria-label=${w.experiment} value=${String(this.experimentIndex)} @sl-change=${(
                e: Event,
              ) => {
                this.experimentIndex = Number((e.target as HTMLSelectElement).value);
                void this.load(); // the sample-ratio check takes this experiment's weights
              }}>${d.experiments.experiments.map((x, i) => html`<sl-option value=${String(i)}>${x.experiment}</sl-option>`)}</sl-select>`
            : nothing,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-dashboard': OnairDashboard;
  }
}
