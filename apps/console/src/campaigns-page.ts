/**
 * `<onair-campaigns-page>`: a room's campaign. What is live now (status, campaign time, what each
 * slot shows) with go live / pause / resume / end and the manual items' triggers; every pushed
 * version, with rollback after a confirmation; and the editor — a form generated from the server's
 * JSON Schema beside a JSON view (CodeMirror, loaded when opened) and a timeline, both editing one
 * document, with preflight findings in place and a push that shows the server's refusal in place.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, send } from './api.js';
import {
  type CampaignDoc,
  campaignTime,
  type LiveNow,
  manualItems,
  starterCampaign,
  type VersionInfo,
} from './campaign-data.js';
import { dateTime, type Locale, t } from './i18n.js';
import type { Finding } from './json-editor.js';
import type { Json, JsonSchema } from './schema-value.js';
import './schema-form.js';
import './timeline-view.js';

type Tab = 'form' | 'json' | 'timeline' | 'preview';

@customElement('onair-campaigns-page')
export class OnairCampaignsPage extends LitElement {
  static override styles = css`
    :host { display: grid; gap: var(--sl-spacing-medium); }
    section { background: var(--sl-color-neutral-0); border: 1px solid var(--sl-color-neutral-200); border-radius: var(--sl-border-radius-large); padding: var(--sl-spacing-medium); min-width: 0; }
    h2 { font-size: var(--sl-font-size-large); margin: 0 0 var(--sl-spacing-small); }
    h3 { font-size: var(--sl-font-size-medium); margin: var(--sl-spacing-small) 0 var(--sl-spacing-x-small); }
    .bar { display: flex; flex-wrap: wrap; gap: var(--sl-spacing-x-small); align-items: end; }
    .grid { display: grid; gap: var(--sl-spacing-medium); grid-template-columns: minmax(0, 1fr); }
    @media (min-width: 64rem) { .grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1.6fr); } }
    .grid.one { grid-template-columns: minmax(0, 1fr); align-content: start; }
    dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: var(--sl-spacing-2x-small) var(--sl-spacing-small); margin: 0 0 var(--sl-spacing-small); font-size: var(--sl-font-size-small); }
    dt { color: var(--sl-color-neutral-700); }
    dd { margin: 0; overflow-wrap: anywhere; }
    ul { margin: 0; padding: 0; list-style: none; display: grid; gap: var(--sl-spacing-x-small); }
    li { display: flex; flex-wrap: wrap; align-items: center; gap: var(--sl-spacing-x-small); font-size: var(--sl-font-size-small); }
    li .grow { flex: 1; min-width: 8rem; overflow-wrap: anywhere; }
    code { font-size: 0.95em; overflow-wrap: anywhere; }
    .findings li { align-items: baseline; }
    .findings sl-button::part(base) { color: var(--sl-color-primary-700); height: auto; line-height: 1.4; white-space: normal; text-align: start; }
    .cm { border: 1px solid var(--sl-color-neutral-300); border-radius: var(--sl-border-radius-medium); min-height: 20rem; max-height: 70vh; overflow: auto; background: var(--sl-color-neutral-0); color: var(--sl-color-neutral-900); }
    .cm .cm-editor { min-height: 20rem; }
    .cm .cm-gutters { background: var(--sl-color-neutral-50); color: var(--sl-color-neutral-700); border-color: var(--sl-color-neutral-200); }
    .cm .cm-activeLine, .cm .cm-activeLineGutter { background: color-mix(in srgb, var(--sl-color-primary-500) 8%, transparent); }
    .cm .cm-cursor { border-left-color: var(--sl-color-neutral-900); }
    /* Shoelace's active tab (primary-600 on white) is 4.1:1; 700 passes in both themes. */
    /* Four tabs fit a 320 px phone (Shoelace's scroll buttons are focusable yet aria-hidden). */
    sl-tab::part(base) { padding: var(--sl-spacing-small) var(--sl-spacing-small); }
    sl-tab[active]::part(base) { color: var(--sl-color-primary-700); }
    sl-tab-panel::part(base) { padding: var(--sl-spacing-small) 0 0; }
    .findings-box { margin: var(--sl-spacing-small) 0; }
    .muted { color: var(--sl-color-neutral-700); font-size: var(--sl-font-size-small); margin: 0; }
  `;

  @property() locale: Locale = 'en';
  @state() private room = new URLSearchParams(location.hash.split('?')[1] ?? '').get('room') ?? 'demo';
  @state() private live: LiveNow | null = null;
  @state() private versions: VersionInfo[] = [];
  @state() private schema: JsonSchema | null = null;
  @state() private doc: Json = {};
  @state() private tab: Tab = 'form';
  @state() private findings: Finding[] = [];
  @state() private message: { variant: 'success' | 'danger' | 'warning'; text: string } | null = null;
  @state() private confirming: number | null = null;
  @state() private busy = false;
  /** The live campaign's document (its manual items are triggered from it). */
  @state() private liveDoc: CampaignDoc | null = null;
  @query('.cm') private cmHost?: HTMLElement;
  private editor: Awaited<ReturnType<typeof import('./json-editor.js')['createJsonEditor']>> | null = null;
  private preflightTimer = 0;
  private poll = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.doc = starterCampaign(this.room) as Json;
    void this.loadSchema();
    void this.refresh();
    this.poll = window.setInterval(() => void this.refresh(), 2_000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.poll);
    clearTimeout(this.preflightTimer);
    super.disconnectedCallback();
  }

  private base = () => `/v1/rooms/${encodeURIComponent(this.room)}/campaign`;

  private async loadSchema(): Promise<void> {
    const got = await api<JsonSchema>('/v1/campaigns/schema');
    if (got.ok) this.schema = got.value;
    else this.message = { variant: 'danger', text: got.error.message };
    this.schedulePreflight();
  }

  private async refresh(): Promise<void> {
    const [now, list] = await Promise.all([
      api<LiveNow>(this.base()),
      api<{ versions: VersionInfo[] }>(`${this.base()}/versions`),
    ]);
    if (now.ok) {
      this.live = now.value;
      const version = now.value.campaign?.version;
      if (version && version !== this.liveDoc?.['_version']) {
        const got = await api<{ campaign: CampaignDoc }>(`${this.base()}/versions/${version}`);
        if (got.ok) this.liveDoc = { ...got.value.campaign, _version: version };
      }
    }
    if (list.ok) this.versions = [...list.value.versions].sort((a, b) => b.version - a.version);
  }

  private async control(action: string): Promise<void> {
    const done = await send<LiveNow>('POST', `${this.base()}/${action}`, undefined, this.locale);
    this.message = done.ok ? null : { variant: 'danger', text: done.error.message };
    if (done.ok) this.live = done.value;
    void this.refresh();
  }

  private edit(next: Json): void {
    this.doc = next;
    this.editor?.setText(JSON.stringify(next, null, 2));
    this.schedulePreflight();
  }

  private schedulePreflight(): void {
    clearTimeout(this.preflightTimer);
    this.preflightTimer = window.setTimeout(() => void this.preflight(), 400);
  }

  private async preflight(): Promise<void> {
    const done = await send<{ ok: boolean; errors: Finding[]; warnings: Finding[] }>(
      'POST',
      `${this.base()}/preflight`,
      this.doc,
      this.locale,
    );
    if (!done.ok) return;
    this.findings = [
      ...done.value.errors.map((f) => ({ path: f.path, message: f.message, level: 'error' as const })),
      ...done.value.warnings.map((f) => ({ path: f.path, message: f.message, level: 'warning' as const })),
    ];
    this.editor?.relint();
  }

  private async push(): Promise<void> {
    const w = t(this.locale);
    this.busy = true;
    const done = await send<{ version: number }>('PUT', this.base(), this.doc, this.locale);
    this.busy = false;
    if (done.ok) {
      this.message = { variant: 'success', text: w.pushed(done.value.version) };
      void this.refresh();
      return;
    }
    const issues = (done.error['issues'] as { path: string; message: string }[] | undefined) ?? [];
    this.findings = issues.length
      ? issues.map((i) => ({ path: i.path, message: i.message, level: 'error' as const }))
      : [{ path: String(done.error['path'] ?? ''), message: done.error.message, level: 'error' }];
    this.message = { variant: 'danger', text: w.pushRefused(done.error.message) };
    this.editor?.relint();
  }

  private async rollback(version: number): Promise<void> {
    this.confirming = null;
    const done = await send<{ version: number }>(
      'POST',
      `${this.base()}/versions/${version}/rollback`,
      undefined,
      this.locale,
    );
    const w = t(this.locale);
    this.message = done.ok
      ? { variant: 'success', text: w.rolledBack(version, done.value.version) }
      : { variant: 'danger', text: done.error.message };
    void this.refresh();
  }

  private async openVersion(version: number): Promise<void> {
    const got = await api<{ campaign: CampaignDoc }>(`${this.base()}/versions/${version}`);
    if (got.ok) this.edit(got.value.campaign as Json);
  }

  private async showTab(tab: Tab): Promise<void> {
    this.tab = tab;
    // The preview carries every feature's model and the elements: fetched when first opened.
    if (tab === 'preview') await import('./campaign-preview.js');
    if (tab !== 'json' || this.editor) return;
    await this.updateComplete;
    const { createJsonEditor } = await import('./json-editor.js');
    if (!this.cmHost || this.editor) return;
    this.editor = createJsonEditor({
      parent: this.cmHost,
      root: this.renderRoot as ShadowRoot,
      text: JSON.stringify(this.doc, null, 2),
      label: t(this.locale).jsonView,
      findings: () => this.findings,
      onChange: (text) => {
        try {
          this.doc = JSON.parse(text) as Json;
          this.schedulePreflight();
        } catch {
          // Half-typed JSON: the syntax linter marks it; the form keeps the last whole document.
        }
      },
    });
  }

  /** Moves focus to the form control a finding's path names. */
  private async reveal(path: string): Promise<void> {
    if (this.tab !== 'form') {
      this.tab = 'form';
      await this.updateComplete;
    }
    const form = this.renderRoot.querySelector('onair-schema-form');
    await form?.updateComplete;
    const parts = path.split(/(?=[.[])/);
    for (let n = parts.length; n > 0; n--) {
      const target = form?.shadowRoot?.querySelector<HTMLElement>(
        `[data-path="${CSS.escape(parts.slice(0, n).join(''))}"]`,
      );
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.focus();
        return;
      }
    }
  }

  private issuesByPath() {
    const map = new Map<string, { message: string; level: 'error' | 'warning' }[]>();
    for (const f of this.findings) map.set(f.path, [...(map.get(f.path) ?? []), f]);
    return map;
  }

  override render() {
    const w = t(this.locale);
    return html`
      <div class="bar" role="search">
        <sl-input size="small" label=${w.room} .value=${this.room} data-testid="campaign-room" @sl-change=${(
          e: Event,
        ) => {
          this.room = (e.target as HTMLInputElement).value.trim() || 'demo';
          this.liveDoc = null;
          this.doc = { ...(this.doc as object), room: this.room };
          void this.refresh();
          this.schedulePreflight();
        }}></sl-input>
      </div>
      ${this.message ? html`<sl-alert variant=${this.message.variant} open closable data-testid="campaign-message" @sl-after-hide=${() => (this.message = null)}>${this.message.text}</sl-alert>` : nothing}
      <div class="grid">
        <div class="grid one">${this.renderLive()}${this.renderVersions()}</div>
        ${this.renderEditor()}
      </div>
      <sl-dialog label=${w.rollbackTitle} ?open=${this.confirming !== null} @sl-request-close=${() => (this.confirming = null)}>
        ${this.confirming !== null ? w.rollbackConfirm(this.confirming) : nothing}
        <sl-button slot="footer" @click=${() => (this.confirming = null)}>${w.cancel}</sl-button>
        <sl-button slot="footer" variant="warning" data-testid="confirm-rollback" @click=${() => this.rollback(this.confirming!)}>${w.rollback}</sl-button>
      </sl-dialog>
    `;
  }

  private renderLive() {
    const w = t(this.locale);
    const record = this.live?.campaign ?? null;
    const slots = Object.entries(this.live?.slots ?? {});
    const status = record?.status ?? 'none';
    const manual = this.liveDoc ? manualItems(this.liveDoc) : [];
    return html`<section aria-labelledby="live-title" data-testid="live-now">
      <h2 id="live-title">${w.liveNow}</h2>
      ${
        record
          ? html`<dl>
              <dt>${w.campaign}</dt><dd>${record.title} <code>${record.id}</code> · v${record.version}</dd>
              <dt>${w.status}</dt><dd><sl-tag size="small" variant=${status === 'live' ? 'success' : status === 'paused' ? 'warning' : 'neutral'} data-testid="campaign-status">${w.statuses[status] ?? status}</sl-tag></dd>
              <dt>${w.goLive}</dt><dd>${dateTime(this.locale, record.goLive)}</dd>
              <dt>${w.progress}</dt><dd>${campaignTime(record) === null ? '—' : `${Math.floor(campaignTime(record)! / 1000)} s`} · ${w.firedCount(Object.keys(record.fired).length)}</dd>
            </dl>`
          : html`<p class="muted">${w.noCampaign}</p>`
      }
      <div class="bar">
        <sl-button size="small" variant="primary" ?disabled=${status !== 'scheduled'} @click=${() => this.control('live')}>${w.goLiveNow}</sl-button>
        <sl-button size="small" ?disabled=${status !== 'live'} @click=${() => this.control('pause')}>${w.pause}</sl-button>
        <sl-button size="small" ?disabled=${status !== 'paused'} @click=${() => this.control('resume')}>${w.resume}</sl-button>
        <sl-button size="small" variant="danger" outline ?disabled=${!record || status === 'ended'} @click=${() => this.control('end')}>${w.end}</sl-button>
      </div>
      <h3>${w.slots}</h3>
      ${
        slots.length
          ? html`<ul data-testid="slots">${slots.map(
              ([name, shown]) =>
                html`<li><code>${name}</code><span class="grow"><code>&lt;${shown.element}&gt;</code> ${w.fromItem} <code>${shown.item}</code>${shown.experiment ? html` · ${w.experiment} <code>${shown.experiment}</code>` : nothing}</span></li>`,
            )}</ul>`
          : html`<p class="muted">${w.slotsEmpty}</p>`
      }
      ${
        manual.length
          ? html`<h3>${w.manualItems}</h3><ul>${manual.map(
              (item) => html`<li><span class="grow"><code>${item.id}</code> ${item.command}</span>
                <sl-button size="small" ?disabled=${status !== 'live' || Object.hasOwn(record?.triggered ?? {}, item.id)} data-trigger=${item.id} @click=${() => this.control(`items/${encodeURIComponent(item.id)}/trigger`)}>${w.trigger}</sl-button></li>`,
            )}</ul>`
          : nothing
      }
    </section>`;
  }

  private renderVersions() {
    const w = t(this.locale);
    return html`<section aria-labelledby="versions-title" data-testid="versions">
      <h2 id="versions-title">${w.versions}</h2>
      ${
        this.versions.length
          ? html`<ul>${this.versions.map(
              (v) => html`<li data-version=${v.version}>
                <span class="grow"><strong>v${v.version}</strong> ${v.title} <code>${v.id}</code><br /><span class="muted">${dateTime(this.locale, v.pushedAt)}${v.rolledBackFrom ? ` · ${w.rollbackOf(v.rolledBackFrom)}` : ''}</span></span>
                <sl-button size="small" @click=${() => this.openVersion(v.version)}>${w.openInEditor}</sl-button>
                <sl-button size="small" variant="warning" outline data-rollback=${v.version} @click=${() => (this.confirming = v.version)}>${w.rollback}</sl-button>
              </li>`,
            )}</ul>`
          : html`<p class="muted">${w.noVersions}</p>`
      }
    </section>`;
  }

  private renderEditor() {
    const w = t(this.locale);
    const errors = this.findings.filter((f) => f.level === 'error');
    const warnings = this.findings.filter((f) => f.level === 'warning');
    return html`<section aria-labelledby="editor-title" data-testid="editor">
      <h2 id="editor-title">${w.editor}</h2>
      <div class="bar">
        <sl-button size="small" @click=${() => this.edit(starterCampaign(this.room) as Json)}>${w.newCampaign}</sl-button>
        <sl-button size="small" @click=${() => this.preflight()}>${w.runPreflight}</sl-button>
        <sl-button size="small" variant="primary" data-testid="push" ?loading=${this.busy} @click=${() => this.push()}>${w.push(this.room)}</sl-button>
      </div>
      <div class="findings-box" aria-live="polite" data-testid="findings">
        ${
          this.findings.length
            ? html`<h3>${w.findings(errors.length, warnings.length)}</h3>
              <ul class="findings">${this.findings.map(
                (
                  f,
                ) => html`<li><sl-tag size="small" variant=${f.level === 'error' ? 'danger' : 'warning'}>${f.level === 'error' ? w.error : w.warning}</sl-tag>
                  <sl-button size="small" variant="text" @click=${() => this.reveal(f.path)}><code>${f.path || '/'}</code></sl-button><span class="grow">${f.message}</span></li>`,
              )}</ul>`
            : html`<p class="muted">${w.noFindings}</p>`
        }
      </div>
      <sl-tab-group no-scroll-controls @sl-tab-show=${(e: CustomEvent<{ name: string }>) => this.showTab(e.detail.name as Tab)}>
        <sl-tab slot="nav" panel="form" ?active=${this.tab === 'form'}>${w.formView}</sl-tab>
        <sl-tab slot="nav" panel="json" ?active=${this.tab === 'json'}>${w.jsonView}</sl-tab>
        <sl-tab slot="nav" panel="timeline" ?active=${this.tab === 'timeline'}>${w.timeline}</sl-tab>
        <sl-tab slot="nav" panel="preview" ?active=${this.tab === 'preview'}>${w.preview}</sl-tab>
        <sl-tab-panel name="form" ?active=${this.tab === 'form'}>
          ${this.schema ? html`<onair-schema-form .schema=${this.schema} .value=${this.doc} .issues=${this.issuesByPath()} .locale=${this.locale} @onair-change=${(e: CustomEvent<Json>) => this.edit(e.detail)}></onair-schema-form>` : html`<sl-spinner></sl-spinner>`}
        </sl-tab-panel>
        <sl-tab-panel name="json" ?active=${this.tab === 'json'}><div class="cm" data-testid="json-view"></div></sl-tab-panel>
        <sl-tab-panel name="preview" ?active=${this.tab === 'preview'}>
          ${this.tab === 'preview' ? html`<onair-campaign-preview .doc=${this.doc} .locale=${this.locale}></onair-campaign-preview>` : nothing}
        </sl-tab-panel>
        <sl-tab-panel name="timeline" ?active=${this.tab === 'timeline'}>
          <onair-timeline-view .doc=${this.doc} .locale=${this.locale}></onair-timeline-view>
        </sl-tab-panel>
      </sl-tab-group>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-campaigns-page': OnairCampaignsPage;
  }
}
