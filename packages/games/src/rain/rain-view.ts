/** The rain's phases as templates; the element wires in the actions. */
import { formatCountdown, formatNumber, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { formatAmount, type RainMessageKey, rainMessage } from './rain.messages.js';
import type { RainView } from './rain-store.js';

/** Cells of the calm grid: enough to choose from, few enough to read. */
const GRID = 12;

const say = (locale: Locale) => (key: RainMessageKey, params?: Record<string, string | number>) =>
  rainMessage(locale, key, params);

export function renderHeader(view: RainView | null, locale: Locale): TemplateResult {
  const t = say(locale);
  const rain = view?.rain;
  const mine = view?.mine;
  return html`<div part="header">
    <h2 part="title" id="title"><span aria-hidden="true">🧧</span> ${rain?.title ?? t('title')}</h2>
    ${
      rain && view.phase === 'raining'
        ? html`<p part="meta"><span class="time">${t('timeLeft', { s: Math.ceil((view.remainingMs ?? 0) / 1000) })}</span>
          <span>${t('yours', { n: mine?.packets.length ?? 0, max: rain.maxPerViewer, total: formatAmount(mine?.total ?? 0, rain, locale) })}</span></p>`
        : nothing
    }
  </div>`;
}

export function renderWaiting(view: RainView, locale: Locale): TemplateResult {
  const t = say(locale);
  const rain = view.rain!;
  return html`<div part="status" class="waiting">
    <p part="countdown">${t('startsIn', { time: formatCountdown(view.remainingMs ?? 0) })}</p>
    <p>${t('packetsOf', { count: formatNumber(rain.count, locale), budget: formatAmount(rain.budget, rain, locale) })}</p>
    <p>${t('perViewer', { n: rain.maxPerViewer })}</p>
  </div>`;
}

/** Reduced motion: packets that stay still, each a button; opened ones say what they held. */
export function renderGrid(
  view: RainView,
  cells: ReadonlyMap<number, string>,
  locale: Locale,
  open: (index: number) => void,
): TemplateResult {
  const t = say(locale);
  const rain = view.rain!;
  const count = Math.min(GRID, rain.count - rain.grabbed + cells.size);
  return html`<p class="help">${t('gridHelp')}</p>
    <ul part="grid" role="list">
      ${Array.from({ length: Math.max(count, cells.size) }, (_, i) => {
        const label = cells.get(i);
        return html`<li><button part="packet" ?data-opened=${label !== undefined}
          aria-disabled=${label !== undefined || !view.canGrab ? 'true' : 'false'}
          @click=${() => label === undefined && view.canGrab && open(i)}>
          ${label === undefined ? html`<span aria-hidden="true">¥</span><span class="visually-hidden">${t('packet', { n: i + 1 })}</span>` : label}
        </button></li>`;
      })}
    </ul>`;
}

export function renderSummary(view: RainView, locale: Locale): TemplateResult {
  const t = say(locale);
  const rain = view.rain!;
  if (view.phase === 'cancelled') return html`<p part="status">${t('cancelled')}</p>`;
  const mine = view.mine;
  // Focusable: a long board scrolls inside the box, and a keyboard must be able to scroll it too.
  return html`<div part="summary" tabindex="0" role="group" aria-label=${t('over')}>
    <p part="status">${t('over')}</p>
    ${
      mine?.packets.length
        ? html`<p class="you-got">${t('yourTotal')}</p>
          <p part="total">${formatAmount(mine.total, rain, locale)}</p>
          <p>${t('yourPackets', { n: mine.packets.length })}</p>`
        : html`<p part="total" class="none">${t('noneForYou')}</p>`
    }
    <p class="meta">${t('grabbed', { n: formatNumber(rain.grabbed, locale), count: formatNumber(rain.count, locale) })}</p>
    <h3>${t('top')}</h3>
    ${
      rain.top.length
        ? html`<ol part="board">
          ${rain.top.map((g, i) => {
            const me = g.id === view.viewerId;
            return html`<li part="entry" ?data-mine=${me}><span class="rank">${i + 1}</span>
              <span class="name">${g.name}${me ? t('you') : nothing}</span>
              <span class="amount">${formatAmount(g.total, rain, locale)}</span></li>`;
          })}
        </ol>`
        : html`<p>${t('noGrabbers')}</p>`
    }
  </div>`;
}
