/**
 * One option of the poll as a viewer sees it: the input, the label with its marks (your choice,
 * top pick, correct answer, your wrong answer) and, when results show, the share and its bar.
 */
import { cssProps, formatNumber, formatPercent, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { pollMessage } from './poll.messages.js';
import type { PollRow, PollView } from './poll-store.js';

export interface OptionContext {
  view: PollView;
  locale: Locale;
  /** Rating polls: the top of the scale ("4 out of 5"); null otherwise. */
  ratingTop: string | null;
  accepts(id: string): boolean;
  choose(id: string): void;
}

export function renderOption(row: PollRow, ctx: OptionContext): TemplateResult {
  const { view, locale, ratingTop } = ctx;
  const t = (key: Parameters<typeof pollMessage>[1], params?: Record<string, string | number>) =>
    pollMessage(locale, key, params);
  const checked = view.canVote ? row.selected || (!view.rows.some((r) => r.selected) && row.mine) : row.mine;
  const wrong = row.mine && row.correct === false;
  const votes = t('votes', { count: formatNumber(row.count, locale), n: row.count });
  return html`<label part="option" ?data-selected=${checked} ?data-disabled=${!view.canVote}
    ?data-winner=${row.winner} ?data-correct=${row.correct === true} ?data-wrong=${wrong}>
    <input
      type=${view.poll?.kind === 'multiple' ? 'checkbox' : 'radio'}
      name="choice"
      .value=${row.id}
      .checked=${checked}
      aria-label=${ratingTop !== null ? t('ratingOption', { value: row.label, to: ratingTop }) : nothing}
      @click=${(event: Event) => {
        // A refused pick (selection full) must not toggle the native checkbox either.
        if (!ctx.accepts(row.id)) event.preventDefault();
      }}
      @change=${() => ctx.choose(row.id)}
    />
    <span class="label">${row.label}${renderMarks(row, wrong, t)}</span>
    ${
      view.showResults
        ? html`<span part="count">${formatPercent(row.ratio, locale)}${ratingTop === null ? html` · ${votes}` : nothing}</span>
          <span part="track" aria-hidden="true"><span part="bar" ${cssProps({ '--_ratio': row.ratio })}></span></span>`
        : nothing
    }
  </label>`;
}

function renderMarks(
  row: PollRow,
  wrong: boolean,
  t: (key: Parameters<typeof pollMessage>[1]) => string,
): TemplateResult | typeof nothing {
  if (!row.mine && !row.correct && !row.winner) return nothing;
  return html`<span class="marks">
    ${row.correct ? html`<span class="correct">✓ ${t('correct')}</span>` : nothing}
    ${row.winner && row.correct === null ? html`<span class="winner">🏆 ${t('topPick')}</span>` : nothing}
    ${row.mine ? html`<span class=${wrong ? 'wrong' : 'mine'}>${wrong ? '✗' : '●'} ${t('yourChoice')}</span>` : nothing}
  </span>`;
}
