/**
 * What `<onair-quiz>` shows in each phase: the question with its countdown and options to tap, the
 * answer locked, time up, the reveal (the right answer, how everyone answered, the viewer's own
 * points, streak and rank), the leaderboard and the final results.
 */
import { cssProps, formatNumber, formatPercent, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { renderBoard } from '../shared/board.js';
import { letter, type QuizMessageKey, quizMessage } from '../shared/quiz.messages.js';
import type { OptionRow, QuizView } from './quiz-store.js';

export interface ViewContext {
  view: QuizView;
  locale: Locale;
  answer(choice: number): void;
}

type T = (key: QuizMessageKey, params?: Record<string, string | number>) => string;

const translator =
  (locale: Locale): T =>
  (key, params) =>
    quizMessage(locale, key, params);

/** The line above the question: which question, and what it is worth. */
function renderMeta(view: QuizView, locale: Locale, t: T): TemplateResult {
  const quiz = view.quiz!;
  const points = quiz.question?.points ?? 0;
  return html`<p part="meta">
    <span>${t('questionOf', { n: quiz.index + 1, count: quiz.count })}</span>
    <span part="badge">${points ? t('points', { points: formatNumber(points, locale) }) : t('warmup')}</span>
  </p>`;
}

/** A ring that empties as the time runs out, the seconds left inside it; a timer to assistive tech. */
function renderTimer(view: QuizView, t: T): TemplateResult | typeof nothing {
  if (view.remainingMs === null) return nothing;
  const seconds = Math.ceil(view.remainingMs / 1000);
  return html`<div part="timer" role="timer" aria-live="off" aria-label=${t('timeLeft', { s: seconds })}
    ?data-urgent=${seconds <= 5} ${cssProps({ '--_left': view.remainingRatio ?? 0 })}>
    <svg viewBox="0 0 36 36" aria-hidden="true"><circle class="track" cx="18" cy="18" r="15.5" /><circle class="left" cx="18" cy="18" r="15.5" pathLength="100" /></svg>
    <span aria-hidden="true">${seconds}</span>
  </div>`;
}

function renderOptionButton(row: OptionRow, ctx: ViewContext, t: T): TemplateResult {
  const { view } = ctx;
  return html`<button part="option" type="button" ?disabled=${!view.canAnswer} ?data-mine=${row.mine}
    @click=${() => ctx.answer(row.index)}>
    <span part="letter" aria-hidden="true">${letter(row.index)}</span>
    <span class="label"><span class="visually-hidden">${letter(row.index)}: </span>${row.label}</span>
    ${row.mine ? html`<span class="mark mine">${view.pending ? t('sending') : t('yourAnswer')}</span>` : nothing}
  </button>`;
}

function renderOptionResult(row: OptionRow, locale: Locale, t: T): TemplateResult {
  const wrong = row.mine && row.correct === false;
  return html`<li part="option" ?data-mine=${row.mine} ?data-correct=${row.correct === true} ?data-wrong=${wrong}>
    <span part="letter" aria-hidden="true">${letter(row.index)}</span>
    <span class="label"><span class="visually-hidden">${letter(row.index)}: </span>${row.label}
      <span class="marks">
        ${row.correct ? html`<span class="mark correct">✓ ${t('correctAnswer')}</span>` : nothing}
        ${row.mine ? html`<span class="mark ${wrong ? 'wrong' : 'mine'}">${wrong ? '✗' : '●'} ${t('yourAnswer')}</span>` : nothing}
      </span></span>
    <span part="count">${formatPercent(row.ratio ?? 0, locale)} · ${formatNumber(row.count ?? 0, locale)}</span>
    <span part="track" aria-hidden="true"><span part="bar" ${cssProps({ '--_ratio': row.ratio ?? 0 })}></span></span>
  </li>`;
}

/** The viewer's own outcome of the revealed question: right or not, points, streak, rank. */
function renderResult(view: QuizView, locale: Locale, t: T): TemplateResult {
  const quiz = view.quiz!;
  const outcome = !view.mine
    ? 'missed'
    : quiz.question?.correct?.includes(view.mine.choice)
      ? 'right'
      : 'wrong';
  const standing = view.standing;
  const last = standing?.last?.question === quiz.index ? standing.last : null;
  const n = (value: number) => formatNumber(value, locale);
  return html`<div part="result" data-outcome=${outcome}>
    <strong>${outcome === 'right' ? '✓ ' : outcome === 'wrong' ? '✗ ' : ''}${t(outcome)}</strong>
    ${last && last.points + last.bonus > 0 ? html`<span class="gain">+${n(last.points + last.bonus)}</span>` : nothing}
    ${
      standing && standing.streak > 1
        ? html`<span><span aria-hidden="true">🔥</span> ${t('streak', { n: standing.streak })}${last?.bonus ? html` · ${t('bonus', { points: n(last.bonus) })}` : nothing}</span>`
        : nothing
    }
    ${
      standing
        ? html`<span class="standing">${t('rank', { rank: n(standing.rank), players: n(standing.players) })} · ${t('score', { score: n(standing.score) })}</span>`
        : nothing
    }
  </div>`;
}

function renderStatus(view: QuizView, locale: Locale, t: T): TemplateResult {
  const quiz = view.quiz!;
  let text = t('answered', { count: formatNumber(quiz.answered, locale), n: quiz.answered });
  if (view.phase === 'closed') text = t('timeUp');
  else if (view.mine && !view.pending) text = t('locked');
  return html`<p part="status" class="status" tabindex="-1">${text}</p>`;
}

/** Everything below the quiz's title, by phase. */
export function renderPhase(ctx: ViewContext): TemplateResult {
  const { view, locale } = ctx;
  const t = translator(locale);
  const quiz = view.quiz!;
  if (view.phase === 'waiting')
    return html`<p part="meta">${t('questions', { n: quiz.count })}</p><p part="status" class="status">${t('getReady')}</p>`;
  if (view.phase === 'leaderboard' || view.phase === 'ended')
    return html`<p part="meta">${
      view.phase === 'ended'
        ? `${t('finalResults')} · ${t('quizOver')}`
        : `${t('leaderboard')} · ${t('afterQuestion', { n: quiz.ranked + 1 })}`
    }</p>
      ${renderBoard(quiz.board, {
        locale,
        viewerId: view.viewerId,
        standing: view.standing,
        label: view.phase === 'ended' ? t('finalResults') : t('leaderboard'),
      })}`;
  const question = quiz.question!;
  const header = html`<div part="header">${renderMeta(view, locale, t)}${renderTimer(view, t)}</div>
    <p part="question" id="question">${question.text}</p>
    ${question.image ? html`<img part="image" src=${question.image} alt="" />` : nothing}`;
  // The viewer's outcome comes first: in a short box the options below it may scroll.
  if (view.phase === 'reveal')
    return html`${header}
      ${renderResult(view, locale, t)}
      <ol part="options" aria-labelledby="question">${view.rows.map((row) => renderOptionResult(row, locale, t))}</ol>`;
  return html`${header}
    <div part="options" role="group" aria-labelledby="question">${view.rows.map((row) => renderOptionButton(row, ctx, t))}</div>
    ${renderStatus(view, locale, t)}`;
}
