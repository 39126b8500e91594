/**
 * `<onair-audit-page>`: the audit log (`GET /v1/audit`), newest first, filtered by room and a
 * page at a time ("Older entries" follows the answer's `next`).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from './api.js';
import { dateTime, type Locale, t } from './i18n.js';

interface Entry {
  id: number;
  at: number;
  who: string;
  method: string;
  route: string;
  command: string | null;
  room: string | null;
  status: number;
  outcome: string;
}

const VARIANT: Record<string, string> = {
  ok: 'success',
  refused: 'warning',
  denied: 'danger',
  error: 'danger',
};

@customElement('onair-audit-page')
export class OnairAuditPage extends LitElement {
  static override styles = css`
    :host { display: block; }
    .filters { display: flex; flex-wrap: wrap; gap: var(--sl-spacing-small); align-items: end; margin-bottom: var(--sl-spacing-medium); }
    .scroll { overflow-x: auto; background: var(--sl-color-neutral-0); border: 1px solid var(--sl-color-neutral-200); border-radius: var(--sl-border-radius-large); }
    table { border-collapse: collapse; width: 100%; font-size: var(--sl-font-size-small); }
    th, td { text-align: start; padding: var(--sl-spacing-x-small) var(--sl-spacing-small); border-bottom: 1px solid var(--sl-color-neutral-200); white-space: nowrap; }
    code { font-size: 0.95em; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .scroll:focus-visible { outline: var(--sl-focus-ring); outline-offset: 2px; }
    /* Phones: each entry a block of labelled lines instead of a table wider than the screen. */
    @media (max-width: 40rem) {
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
      tr { display: block; padding: var(--sl-spacing-x-small) var(--sl-spacing-small); border-bottom: 1px solid var(--sl-color-neutral-200); }
      td { display: flex; gap: var(--sl-spacing-small); padding: 2px 0; border: none; white-space: normal; overflow-wrap: anywhere; }
      td::before { content: attr(data-label); flex: 0 0 5rem; color: var(--sl-color-neutral-700); }
    }
    .more { margin-top: var(--sl-spacing-small); }
  `;

  @property() locale: Locale = 'en';
  @state() private room = '';
  @state() private entries: Entry[] = [];
  @state() private next: number | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(false);
  }

  private async load(more: boolean): Promise<void> {
    const params = new URLSearchParams({ limit: '50' });
    if (this.room) params.set('room', this.room);
    if (more && this.next !== null) params.set('before', String(this.next));
    const answer = await api<{ entries: Entry[]; next: number | null }>(`/v1/audit?${params}`);
    if (!answer.ok) {
      this.error = answer.error.message;
      return;
    }
    this.error = '';
    this.entries = more ? [...this.entries, ...answer.value.entries] : answer.value.entries;
    this.next = answer.value.next;
  }

  override render() {
    const w = t(this.locale);
    return html`
      <div class="filters" role="search">
        <sl-input size="small" label=${w.auditRoom} placeholder=${w.anyRoom} .value=${this.room} @sl-change=${(
          e: Event,
        ) => {
          this.room = (e.target as HTMLInputElement).value.trim();
          void this.load(false);
        }}></sl-input>
      </div>
      ${this.error ? html`<sl-alert variant="danger" open>${this.error}</sl-alert>` : nothing}
      <div class="scroll" tabindex="0" role="region" aria-label=${w.audit}>
        <table>
          <caption class="visually-hidden">${w.audit}</caption>
          <thead><tr><th scope="col">${w.auditWhen}</th><th scope="col">${w.auditWho}</th><th scope="col">${w.auditWhat}</th><th scope="col">${w.auditRoom}</th><th scope="col">${w.auditOutcome}</th></tr></thead>
          <tbody>
            ${this.entries.map(
              (e) => html`<tr data-entry=${e.id}>
                <td data-label=${w.auditWhen}>${dateTime(this.locale, e.at)}</td>
                <td data-label=${w.auditWho}>${e.who}</td>
                <td data-label=${w.auditWhat}><span><code>${e.method} ${e.route}</code>${e.command ? html` · <code>${e.command}</code>` : nothing}</span></td>
                <td data-label=${w.auditRoom}>${e.room ?? '—'}</td>
                <td data-label=${w.auditOutcome}><sl-tag size="small" variant=${VARIANT[e.outcome] ?? 'neutral'}>${e.outcome} ${e.status}</sl-tag></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.next !== null ? html`<sl-button class="more" size="small" @click=${() => this.load(true)}>${w.older}</sl-button>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-audit-page': OnairAuditPage;
  }
}
