/**
 * The leaderboard as both quiz elements render it: the top players (medals for the first three),
 * the viewer's own line marked, and their own place below when they are not among the top.
 */
import { formatNumber, type Locale } from '@onair/core/element.js';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { BoardEntry, Standing } from '../model/quiz.js';
import { type QuizMessageKey, quizMessage, viewerTag } from './quiz.messages.js';

export interface BoardContext {
  locale: Locale;
  /** The viewer's own public id, to mark their line. */
  viewerId: string | null;
  standing: Standing | null;
  label: string;
}

const MEDALS = ['🥇', '🥈', '🥉'];

export function playerName(entry: { id: string; name: string | null }, locale: Locale): string {
  return entry.name ?? quizMessage(locale, 'viewer', { tag: viewerTag(entry.id) });
}

export function renderBoard(board: readonly BoardEntry[], ctx: BoardContext): TemplateResult {
  const { locale, standing } = ctx;
  const t = (key: QuizMessageKey, params?: Record<string, string | number>) =>
    quizMessage(locale, key, params);
  if (!board.length) return html`<p part="empty">${t('noScores')}</p>`;
  const mineShown = board.some((entry) => entry.id === ctx.viewerId);
  return html`<ol part="board" aria-label=${ctx.label}>
      ${board.map((entry) => {
        const mine = entry.id === ctx.viewerId;
        return html`<li part="entry" ?data-mine=${mine}>
          <span part="rank">${
            entry.rank <= 3
              ? html`<span aria-hidden="true">${MEDALS[entry.rank - 1]}</span><span class="visually-hidden">${entry.rank}</span>`
              : entry.rank
          }</span>
          <span part="name">${playerName(entry, locale)}${mine ? html` <span class="you">(${t('you')})</span>` : nothing}</span>
          <span part="score">${formatNumber(entry.score, locale)}</span>
        </li>`;
      })}
    </ol>
    ${
      standing && !mineShown
        ? html`<p part="own"><span>${t('you')}</span>
          <span>${t('rank', { rank: formatNumber(standing.rank, locale), players: formatNumber(standing.players, locale) })}</span>
          <span part="score">${formatNumber(standing.score, locale)}</span></p>`
        : nothing
    }`;
}

export const boardStyles = css`
  [part~='board'] {
    display: grid;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='entry'],
  [part~='own'] {
    display: grid;
    grid-template-columns: 2.25em minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5em;
    min-block-size: 40px;
    margin: 0;
    padding: 0.3em 0.7em;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
  }
  [part~='entry'][data-mine],
  [part~='own'] {
    border-color: var(--onair-quiz-accent-color, var(--_accent));
    font-weight: 650;
  }
  [part~='own'] {
    margin-block-start: 8px;
  }
  [part~='rank'] {
    font-variant-numeric: tabular-nums;
    font-weight: 650;
    text-align: center;
  }
  [part~='name'] {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .you {
    color: var(--_muted);
    font-weight: 400;
  }
  [part~='score'] {
    font-variant-numeric: tabular-nums;
    font-weight: 650;
  }
  [part~='empty'] {
    margin: 0;
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    [part~='entry'][data-mine],
    [part~='own'] {
      border: 2px solid Highlight;
    }
  }
`;
