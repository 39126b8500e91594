import {
  AnnounceController,
  cssProps,
  dispatchIntent,
  formatCountdown,
  formatNumber,
  formatPercent,
  jsonAttribute,
  OnairElement,
  StaticSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { PollEvents } from '../events.js';
import type { PollConfigInput } from '../model/schema.js';
import { pollMessage } from './poll.messages.js';
import { pollStyles } from './poll.styles.js';
import { createPollStore, type PollRow, type PollStore, type PollView } from './poll-store.js';

const KNOWN_ERRORS = ['poll_closed', 'already_voted', 'rate_limited', 'timeout'] as const;

/**
 * A live poll: single or multiple choice, rating, or quiz, with live result bars.
 *
 * Driven by the room's live state (the poll ops opened appears and updates live), or by a static
 * `config` for simple embeds (votes are then counted in the page only).
 *
 * @tag onair-poll
 * @summary Live poll, rating and quiz.
 * @event {CustomEvent<VoteRequestDetail>} onair-vote-request - Cancelable, before a vote is sent. `detail: { pollId, choice }`.
 * @event {CustomEvent<VoteDetail>} onair-vote - After the server counted the vote. `detail: { pollId, choice, count }`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - Invalid config or a refused vote. `detail: { code, message, path }`.
 * @csspart base - The poll's box.
 * @csspart question - The question.
 * @csspart meta - Hint, countdown and vote count line.
 * @csspart options - The list of options.
 * @csspart option - One option (label, result bar and count).
 * @csspart bar - The result bar inside an option.
 * @csspart count - Percentage and votes of an option.
 * @csspart submit - The vote button.
 * @csspart footer - The line holding the vote button and status.
 * @cssproperty --onair-poll-bar-color - Result bar fill.
 * @cssproperty --onair-poll-selected-color - Outline of a selected option.
 * @cssproperty --onair-poll-button-color - Vote button background.
 * @cssproperty --onair-poll-badge-color - Quiz badge text.
 */
export class OnairPoll extends OnairElement {
  static override styles = [...OnairElement.styles, pollStyles];
  static override telemetryKind = 'poll';

  /** Id of the room poll to show; omitted shows the latest poll ops opened. */
  @property({ attribute: 'poll', reflect: true }) pollId = '';

  /** A static poll (object, or JSON in the attribute). Votes are then counted in this page only. */
  @property({ converter: jsonAttribute })
  config?: PollConfigInput | unknown;

  private store: PollStore | null = null;
  private readonly view = new StoreController<PollView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this);
  private lastSummary = '';
  private shownPoll = '';
  /** The room's polls, or a static config's own in-page room (its code loaded on demand). */
  private readonly source = new StaticSourceController<PollStore>(this, {
    load: async () => {
      const { staticPoll, describe } = await import('./static-poll.js');
      return { serve: staticPoll, describe };
    },
    create: (channel) => createPollStore(channel, this.config === undefined ? this.pollId || null : null),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => pollMessage(this.locale, 'noRoom'),
    locale: () => this.locale,
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });

  protected override willUpdate(): void {
    // A static poll shows its one poll; in a room, `poll` picks which one.
    this.source.serve(
      this.config,
      this.roomContext?.channel ?? null,
      this.config === undefined ? this.pollId : '',
    );
    this.announceResults();
    this.reportShownPoll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.shownPoll = ''; // the telemetry controller closed it; reconnecting opens it again
  }

  /** `widget.open` when a poll appears, `widget.close` when another replaces it. */
  private reportShownPoll(): void {
    const shown = this.view.value?.poll?.id ?? '';
    if (shown === this.shownPoll) return;
    if (this.shownPoll) this.widgetTelemetry?.close('replaced', { poll: this.shownPoll });
    if (shown) this.widgetTelemetry?.open({ poll: shown });
    this.shownPoll = shown;
  }

  /** Results changes go to the polite live region: not on first sight, throttled, close at once. */
  private announceResults(): void {
    const view = this.view.value;
    if (!view?.poll || !view.showResults) return;
    const summary = view.rows.map((r) => `${r.label} ${formatPercent(r.ratio, this.locale)}`).join(', ');
    const key = `${view.poll.id}|${view.open}|${summary}`;
    if (this.lastSummary && key !== this.lastSummary) {
      if (!view.open) this.announcer.announce(pollMessage(this.locale, 'closedSummary', { summary }), true);
      else this.announcer.announce(pollMessage(this.locale, 'resultsSummary', { summary }));
    }
    this.lastSummary = key;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const request = this.store?.pendingChoice();
    if (!this.store || !request) return;
    const intent = dispatchIntent(this, PollEvents.voteRequest, request);
    if (intent.kind === 'vetoed') return;
    try {
      const { pollId, choice, vote } = await this.store.submit(
        intent.kind === 'answered' ? intent.answer : undefined,
      );
      this.clearFailure();
      this.emit(PollEvents.vote, { pollId, choice, count: vote?.count ?? 1 });
      const poll = this.view.value?.poll;
      this.widgetTelemetry?.send('poll.vote', {
        poll: pollId,
        choice,
        count: vote?.count ?? 1,
        kind: poll?.kind,
        quiz: poll?.quiz,
      });
      this.announcer.announce(pollMessage(this.locale, 'voteCounted'), true);
    } catch (error) {
      const {
        code = 'action_failed',
        message = String(error),
        path = '',
      } = error as {
        code?: string;
        message?: string;
        path?: string;
      };
      const known = (KNOWN_ERRORS as readonly string[]).includes(code);
      const text = known
        ? pollMessage(this.locale, `error_${code as (typeof KNOWN_ERRORS)[number]}`)
        : pollMessage(this.locale, 'error_other', { message });
      this.reportActionFailure(code, text, path);
    }
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    const t = (key: Parameters<typeof pollMessage>[1], params?: Record<string, string | number>) =>
      pollMessage(this.locale, key, params);
    if (!view?.poll)
      return html`<div part="base" class=${this.baseClass}><p part="meta">${t('waiting')}</p>${this.announcer.render()}</div>`;
    const { poll } = view;
    const rating = poll.kind === 'rating';
    const locked = !view.canVote || view.pending;
    return html`<form part="base" class=${this.baseClass} @submit=${this.submit} aria-busy=${view.pending}>
      <fieldset ?disabled=${locked}>
        <legend part="question">
          ${poll.quiz ? html`<span part="badge">${t('quiz')} · </span>` : nothing}${poll.question}
        </legend>
        <p part="meta">
          <span>${this.hint(view)}</span>
          ${
            view.remainingMs !== null
              ? html`<span role="timer" aria-live="off">${t('closesIn', { time: formatCountdown(view.remainingMs) })}</span>`
              : nothing
          }
          ${!view.open ? html`<span>${t('closed')}</span>` : nothing}
          ${view.showResults ? html`<span>${t('voters', { count: formatNumber(poll.voters, this.locale), n: poll.voters })}</span>` : nothing}
        </p>
        <div part="options" class=${rating ? 'rating' : ''}>
          ${view.rows.map((row) => this.renderOption(row, view, rating ? (poll.options.at(-1)?.label ?? '') : null))}
        </div>
      </fieldset>
      ${this.renderFooter(view)} ${this.renderActionFailure()} ${this.announcer.render()}
    </form>`;
  }

  private hint(view: PollView): string {
    const poll = view.poll!;
    if (poll.kind === 'rating')
      return pollMessage(this.locale, 'rate', {
        from: poll.options[0]?.label ?? '',
        to: poll.options.at(-1)?.label ?? '',
      });
    return poll.kind === 'multiple'
      ? pollMessage(this.locale, 'pickUpTo', { max: poll.maxSelections })
      : pollMessage(this.locale, 'pickOne');
  }

  private renderOption(row: PollRow, view: PollView, ratingTop: string | null): TemplateResult {
    const poll = view.poll!;
    const checked = view.canVote ? row.selected || (!hasSelection(view) && row.mine) : row.mine;
    const label =
      ratingTop !== null
        ? pollMessage(this.locale, 'ratingOption', { value: row.label, to: ratingTop })
        : row.label;
    return html`<label part="option" ?data-selected=${checked} ?data-disabled=${!view.canVote}>
      <input
        type=${poll.kind === 'multiple' ? 'checkbox' : 'radio'}
        name="choice"
        .value=${row.id}
        .checked=${checked}
        aria-label=${ratingTop !== null ? label : nothing}
        @click=${(event: Event) => {
          // A refused pick (selection full) must not toggle the native checkbox either.
          if (!this.store?.accepts(row.id)) event.preventDefault();
        }}
        @change=${() => this.store?.choose(row.id)}
      />
      <span>${row.label}${this.renderTags(row)}</span>
      ${
        view.showResults
          ? html`<span part="count">${formatPercent(row.ratio, this.locale)}${ratingTop === null ? html` · ${pollMessage(this.locale, 'votes', { count: formatNumber(row.count, this.locale), n: row.count })}` : nothing}</span>
            <span part="bar" aria-hidden="true" ${cssProps({ '--_ratio': row.ratio })}></span>`
          : nothing
      }
    </label>`;
  }

  private renderTags(row: PollRow): TemplateResult | typeof nothing {
    if (!row.mine && !row.correct) return nothing;
    return html`<span class="tags">
      ${row.mine ? html`<span class="mine">✓ ${pollMessage(this.locale, 'yourChoice')}</span>` : nothing}
      ${row.correct ? html`<span class="correct">★ ${pollMessage(this.locale, 'correct')}</span>` : nothing}
    </span>`;
  }

  private renderFooter(view: PollView): TemplateResult {
    const poll = view.poll!;
    const t = (key: Parameters<typeof pollMessage>[1], params?: Record<string, string | number>) =>
      pollMessage(this.locale, key, params);
    let status: string | typeof nothing = nothing;
    if (!view.showResults && poll.tally === null && view.open) status = t('resultsAfterClose');
    else if (!view.showResults && view.open) status = t('resultsAfterVote');
    else if (view.mine && poll.votesPerViewer > view.mine.count && view.open)
      status = t('votesLeft', { n: poll.votesPerViewer - view.mine.count });
    return html`<div part="footer">
      ${
        view.canVote
          ? html`<button part="submit" type="submit" ?disabled=${!view.canSubmit}>
            ${view.pending ? t('voting') : view.mine && poll.allowChange && poll.votesPerViewer <= view.mine.count ? t('changeVote') : t('vote')}
          </button>`
          : nothing
      }
      <span>${status}</span>
    </div>
    ${
      view.answeredRight !== null
        ? html`<p class="outcome" role="status">${view.answeredRight ? t('gotItRight') : t('gotItWrong')}</p>`
        : nothing
    }`;
  }
}

function hasSelection(view: PollView): boolean {
  return view.rows.some((row) => row.selected);
}
