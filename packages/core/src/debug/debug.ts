import type { Telemetry } from '@onair/telemetry';
import { css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OnairElement } from '../base/onair-element.js';
import { StoreController } from '../store-controller.js';
import { createDebugStore, type DebugRow } from './debug-store.js';

/**
 * Lists telemetry events live as they are tracked, persisted, sent, acked, retried or dropped —
 * the first thing to look at when integrating Onair. Uses the enclosing room's telemetry, or the
 * `telemetry` property.
 *
 * @tag onair-debug
 * @summary Live telemetry event overlay for developers.
 * @csspart base - The overlay box.
 */
export class OnairDebug extends OnairElement {
  static override styles = [
    ...OnairElement.styles,
    css`
      [part~='base'] {
        font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace;
        max-block-size: var(--onair-debug-height, 40vh);
        overflow: auto;
        padding: 0;
      }
      header {
        position: sticky;
        top: 0;
        display: flex;
        gap: 0.5em;
        align-items: center;
        padding: 0.4em 0.6em;
        background: var(--_surface);
        border-block-end: 1px solid var(--_border);
      }
      table {
        border-collapse: collapse;
        inline-size: 100%;
      }
      td,
      th {
        padding: 0.15em 0.6em;
        text-align: start;
        vertical-align: top;
        white-space: nowrap;
      }
      td.detail {
        white-space: normal;
        color: var(--_muted);
      }
      .dropped {
        color: var(--_danger);
      }
      .acked {
        color: var(--_success);
      }
      button,
      input {
        font: inherit;
      }
    `,
  ];

  /** A telemetry client to watch instead of the room's. */
  @property({ attribute: false }) telemetry?: Pick<Telemetry, 'observe'>;

  @state() private filter = '';
  private readonly rows = new StoreController<DebugRow[]>(this, null, []);
  private watched: unknown = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const source = this.telemetry ?? (this.tracker as Partial<Pick<Telemetry, 'observe'>> | null);
    if (source === this.watched) return;
    this.watched = source;
    this.rows.setStore(source?.observe ? createDebugStore(source as Pick<Telemetry, 'observe'>) : null);
  }

  protected override renderContent(): TemplateResult {
    const filter = this.filter.toLowerCase();
    const rows = filter
      ? this.rows.value.filter((r) => `${r.stage} ${r.type}`.includes(filter))
      : this.rows.value;
    return html`<section part="base" class=${this.baseClass} aria-label="Onair telemetry events">
      <header>
        <strong>Onair telemetry</strong>
        <label>Filter <input type="search" .value=${this.filter} @input=${(e: Event) => {
          this.filter = (e.target as HTMLInputElement).value;
        }} /></label>
        <span>${rows.length} events</span>
      </header>
      <table>
        <thead><tr><th>time</th><th>stage</th><th>type</th><th>id</th><th>detail</th></tr></thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr>
              <td>${new Date(row.at).toLocaleTimeString()}</td>
              <td class=${row.stage}>${row.stage}</td>
              <td>${row.type}</td>
              <td>${row.id.slice(-8)}</td>
              <td class="detail">${row.detail}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}
