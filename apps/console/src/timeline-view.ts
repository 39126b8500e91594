/**
 * `<onair-timeline-view>`: the campaign's items on a time axis (campaign time, one lane per slot),
 * from their triggers; items after a manual one and manual items are listed as such, since no
 * clock places them.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { type CampaignDoc, placeItems } from './campaign-data.js';
import { type Locale, t } from './i18n.js';

const label = (ms: number) =>
  ms >= 60_000 ? `${Math.round(ms / 6_000) / 10} min` : `${Math.round(ms / 100) / 10} s`;

/**
 * Positions a bar through CSSOM: the console's CSP (`style-src 'self'`) blocks style attributes,
 * which `styleMap` writes on its first render.
 */
function place(el: Element | undefined, left: number, width: number): void {
  if (!(el instanceof HTMLElement)) return;
  el.style.insetInlineStart = `${left}%`;
  el.style.width = `${Math.max(width, 1)}%`;
}

@customElement('onair-timeline-view')
export class OnairTimelineView extends LitElement {
  static override styles = css`
    :host { display: block; font-size: var(--sl-font-size-small); }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--sl-spacing-x-small); }
    .lane { display: grid; grid-template-columns: minmax(5rem, 9rem) minmax(0, 1fr); gap: var(--sl-spacing-x-small); align-items: center; }
    .track { position: relative; height: 2rem; background: var(--sl-color-neutral-100); border-radius: var(--sl-border-radius-medium); }
    .bar { position: absolute; top: 0.25rem; bottom: 0.25rem; min-width: 0.5rem; background: var(--sl-color-primary-600); color: var(--sl-color-neutral-0); border-radius: var(--sl-border-radius-small); padding: 0 0.25rem; overflow: hidden; white-space: nowrap; line-height: 1.5rem; box-sizing: border-box; }
    .bar.open { background: repeating-linear-gradient(90deg, var(--sl-color-primary-600) 0 0.5rem, var(--sl-color-primary-500) 0.5rem 1rem); }
    .axis { display: flex; justify-content: space-between; color: var(--sl-color-neutral-700); margin-inline-start: calc(min(9rem, 30%) + var(--sl-spacing-x-small)); }
    code { overflow-wrap: anywhere; }
    h3 { font-size: var(--sl-font-size-small); margin: var(--sl-spacing-small) 0 var(--sl-spacing-2x-small); }
    ul { margin: 0; padding-inline-start: 1.2rem; }
    @media (forced-colors: active) { .bar { border: 1px solid CanvasText; } }
  `;

  @property({ attribute: false }) doc: unknown = {};
  @property() locale: Locale = 'en';

  override render() {
    const w = t(this.locale);
    const placed = placeItems((this.doc ?? {}) as CampaignDoc);
    const timed = placed.filter((p) => p.start !== null);
    const loose = placed.filter((p) => p.start === null);
    const span = Math.max(10_000, ...timed.map((p) => (p.end ?? p.start! + 5_000) * 1.05));
    const lanes = [...new Set(timed.map((p) => p.slot))];
    return html`
      ${
        timed.length
          ? html`<div class="axis" aria-hidden="true"><span>0 s</span><span>${label(span / 2)}</span><span>${label(span)}</span></div>
            <ol aria-label=${w.timeline}>
              ${lanes.map(
                (lane) => html`<li class="lane">
                  <code>${lane || w.noSlot}</code>
                  <div class="track">
                    ${timed
                      .filter((p) => p.slot === lane)
                      .map((p) => {
                        const left = (p.start! / span) * 100;
                        const width = (((p.end ?? span) - p.start!) / span) * 100;
                        const text = `${p.id} · ${p.command} · ${label(p.start!)}${p.end !== null ? ` – ${label(p.end)}` : ''}${p.after ? ` (${w.afterItem(p.after)})` : ''}`;
                        return html`<span class="bar ${p.end === null ? 'open' : ''}" data-item=${p.id} ${ref((el) => place(el, left, width))} title=${text}>${text}</span>`;
                      })}
                  </div>
                </li>`,
              )}
            </ol>`
          : html`<p>${w.timelineEmpty}</p>`
      }
      ${
        loose.length
          ? html`<h3>${w.untimed}</h3><ul>${loose.map(
              (p) =>
                html`<li data-item=${p.id}><code>${p.id}</code> ${p.command} — ${p.manual ? w.manualTrigger : p.after ? w.afterItem(p.after) : w.noTime}${p.slot ? html` · <code>${p.slot}</code>` : nothing}</li>`,
            )}</ul>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-timeline-view': OnairTimelineView;
  }
}
