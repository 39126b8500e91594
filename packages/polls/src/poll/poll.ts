import {
  AnnounceController,
  cssProps,
  dispatchIntent,
  formatCountdown,
  formatNumber,
  formatPercent,
  jsonAttribute,
  keepFocus,
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
import { renderOption } from './poll-option.js';
import { createPollStore, type PollStore, type PollView } from './poll-store.js';

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
 * @csspart meta - Closed state, hint and vote count line.
 * @csspart countdown - Time left (a timer) with its bar.
 * @csspart countdown-bar - The bar that shrinks as the poll runs out of time.
 * @csspart options - The list of options; scrolls when the poll is taller than its maximum.
 * @csspart option - One option (label, marks, result bar and count); `data-winner`, `data-correct`, `data-wrong` when closed.
 * @csspart track - The track behind a result bar.
 * @csspart bar - The result bar inside an option.
 * @csspart count - Percentage and votes of an option.
 * @csspart submit - The vote button.
 * @csspart footer - The line holding the vote button and status.
 * @cssproperty --onair-poll-bar-color - Result bar fill.
 * @cssproperty --onair-poll-selected-color - Outline of a selected option.
 * @cssproperty --onair-poll-button-color - Vote button background.
 * @cssproperty --onair-poll-badge-color - Quiz badge text.
 * @cssproperty --onair-poll-max-block-size - Tallest the poll gets before its options scroll (default min(30rem, 85dvh)).
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

  /** Voting disables the control that had focus; focus goes to what follows the vote. */
  private onSubmit(event: Event): Promise<void> {
    return keepFocus(
      this,
      () => this.submit(event),
      () =>
        this.renderRoot.querySelector<HTMLElement>('[part~="submit"]:not(:disabled)') ??
        this.renderRoot.querySelector<HTMLElement>('[part~="footer"] .status'),
    );
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
    const ctx = {
      view,
      locale: this.locale,
      ratingTop: rating ? (poll.options.at(-1)?.label ?? '') : null,
      accepts: (id: string) => !!this.store?.accepts(id),
      choose: (id: string) => this.store?.choose(id),
    };
    return html`<form part="base" class=${this.baseClass} ?data-closed=${!view.open} @submit=${this.onSubmit} aria-busy=${view.pending}>
      <fieldset ?disabled=${locked}>
        <legend part="question">
          ${poll.quiz ? html`<span part="badge">${t('quiz')} · </span>` : nothing}${poll.question}
        </legend>
        <p part="meta">
          ${!view.open ? html`<span class="closed">${t('closed')}</span>` : nothing}
          <span>${view.open ? this.hint(view) : t('finalResults')}</span>
          ${view.showResults ? html`<span>${t('voters', { count: formatNumber(poll.voters, this.locale), n: poll.voters })}</span>` : nothing}
        </p>
        ${
          view.remainingMs !== null
            ? html`<div part="countdown" role="timer" aria-live="off">${t('closesIn', { time: formatCountdown(view.remainingMs) })}
              ${view.remainingRatio !== null ? html`<span part="countdown-bar" aria-hidden="true" ${cssProps({ '--_left': view.remainingRatio })}></span>` : nothing}</div>`
            : nothing
        }
        <div part="options" class=${rating ? 'rating' : ''}>${view.rows.map((row) => renderOption(row, ctx))}</div>
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
    if (poll.kind !== 'multiple') return pollMessage(this.locale, 'pickOne');
    // The limit says itself when it is reached: a further pick is refused, and this is why.
    const picked = view.rows.filter((row) => row.selected).length;
    return pollMessage(this.locale, picked >= poll.maxSelections ? 'pickedMax' : 'pickUpTo', {
      max: poll.maxSelections,
    });
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
    else if (view.mine && view.open) status = t('voted');
    return html`<div part="footer">
      ${
        view.canVote
          ? html`<button part="submit" type="submit" ?disabled=${!view.canSubmit}>
            ${view.pending ? t('voting') : view.mine && poll.allowChange && poll.votesPerViewer <= view.mine.count ? t('changeVote') : t('vote')}
          </button>`
          : nothing
      }
      <p class="status" tabindex="-1">${status}</p>
    </div>
    ${
      view.answeredRight !== null
        ? html`<p class="outcome" role="status" ?data-right=${view.answeredRight}>${view.answeredRight ? '✓' : '✗'} ${view.answeredRight ? t('gotItRight') : t('gotItWrong')}</p>`
        : nothing
    }`;
  }
}
