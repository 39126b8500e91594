import {
  AnnounceController,
  keepFocus,
  OnairElement,
  RoomSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { QuizEvents } from '../events.js';
import { letter, type QuizMessageKey, quizMessage } from '../shared/quiz.messages.js';
import { standingsOf } from '../shared/standings.js';
import { quizStyles } from './quiz.styles.js';
import { createQuizStore, type QuizStore, type QuizView } from './quiz-store.js';
import { QuizTelemetry } from './quiz-telemetry.js';
import { renderPhase } from './quiz-view.js';

const KNOWN_ERRORS = ['question_closed', 'already_answered', 'rate_limited', 'timeout'] as const;

/** Seconds left that are said aloud (besides the question itself and the end of its time). */
const SPOKEN_SECONDS = [10, 5];

/**
 * A live quiz round, driven by ops: the current question with the time left by the server's
 * clock (a late joiner sees what everyone sees), one tap to answer, the answer locked, then the
 * reveal — the right answer, how the room answered, the viewer's points, streak and rank — and
 * the leaderboard. The server times every answer; the viewer's clock does not count.
 *
 * @tag onair-quiz
 * @summary Live quiz with server-timed answers, speed points, streaks and a leaderboard.
 * @event {CustomEvent<AnswerRequestDetail>} onair-answer-request - Cancelable, before an answer is sent. `detail: { quizId, question, choice }`.
 * @event {CustomEvent<AnswerDetail>} onair-answer - The server accepted the answer. `detail: { quizId, question, choice, ms }`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - A refused answer, or no room. `detail: { code, message, path }`.
 * @csspart base - The quiz's box; `data-phase` says which phase it shows.
 * @csspart title - The quiz's title.
 * @csspart header - The line with the question number and the timer.
 * @csspart meta - Question number and points, or what the phase is about.
 * @csspart badge - What the question is worth.
 * @csspart timer - The countdown ring and the seconds left; `data-urgent` in the last 5 s.
 * @csspart question - The question.
 * @csspart image - The question's picture.
 * @csspart options - The options.
 * @csspart option - One option: a button while the question runs, a result after; `data-mine`, `data-correct`, `data-wrong`.
 * @csspart letter - An option's letter.
 * @csspart count - Share and count of answers of an option, after the reveal.
 * @csspart track - The track behind an option's result bar.
 * @csspart bar - An option's result bar.
 * @csspart status - How many answered, answer locked, or time up.
 * @csspart result - The viewer's outcome after the reveal; `data-outcome` is `right`, `wrong` or `missed`.
 * @csspart board - The leaderboard list.
 * @csspart entry - One player on the leaderboard; `data-mine` for the viewer.
 * @csspart rank - A player's place.
 * @csspart name - A player's name.
 * @csspart score - A player's score.
 * @csspart own - The viewer's own place when not among the top players.
 * @csspart empty - The line shown while nobody has scored.
 * @cssproperty --onair-quiz-accent-color - Letters, the timer ring, the viewer's own answer and line.
 * @cssproperty --onair-quiz-bar-color - The result bars.
 * @cssproperty --onair-quiz-max-block-size - Tallest the quiz gets before its content scrolls (default min(36rem, 90dvh)).
 */
export class OnairQuiz extends OnairElement {
  static override styles = [...OnairElement.styles, ...quizStyles];
  static override telemetryKind = 'quiz';

  /** Id of the room's quiz to show; omitted shows the one running (or waiting, or the last ended). */
  @property({ attribute: 'quiz', reflect: true }) quizId = '';

  /** The viewer's name on the leaderboard (1–24 characters); omitted shows one made from their id. */
  @property({ attribute: 'player-name' }) playerName = '';

  private store: QuizStore | null = null;
  private readonly view = new StoreController<QuizView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 4_000);
  private readonly telemetry = new QuizTelemetry(this, () => this.widgetTelemetry);
  private readonly source = new RoomSourceController<QuizStore>(this, {
    create: (channel) => createQuizStore(channel, this.quizId || null, standingsOf(channel)),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => this.t('noRoom'),
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });
  private spoken: { step: string; second: number | null; ranked: number | null } | null = null;

  private t(key: QuizMessageKey, params?: Record<string, string | number>): string {
    return quizMessage(this.locale, key, params);
  }

  override disconnectedCallback(): void {
    this.telemetry.removed();
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    this.source.update(this.roomContext?.channel ?? null, this.quizId);
    const view = this.view.value;
    if (view) {
      this.announce(view);
      this.telemetry.update(view);
    }
  }

  /**
   * The timer and the outcome are said at moments that matter — a new question, 10 and 5 seconds
   * left, time up, the reveal, the viewer's new rank — never every second.
   */
  private announce(view: QuizView): void {
    const quiz = view.quiz;
    if (!quiz) return;
    const seconds = view.remainingMs === null ? null : Math.ceil(view.remainingMs / 1000);
    // The last mark passed (10 s, then 5 s left): said once each, even when a tick skipped it.
    const passed = seconds === null ? [] : SPOKEN_SECONDS.filter((mark) => seconds <= mark);
    const now = {
      step: `${quiz.id}|${quiz.index}|${view.phase}`,
      second: passed.length ? Math.min(...passed) : null,
      ranked: view.standing?.after ?? null,
    };
    const before = this.spoken;
    this.spoken = now;
    // What shows on arrival is read with the page, not announced.
    if (!before) return;
    const question = quiz.question;
    const say = (text: string, urgent = true) => this.announcer.announce(text, urgent);
    if (now.step !== before.step) {
      if (view.phase === 'question' && question)
        say(
          this.t('announceQuestion', {
            n: quiz.index + 1,
            count: quiz.count,
            text: question.text,
            s: Math.round(question.timeLimitMs / 1000),
          }),
        );
      else if (view.phase === 'closed') say(this.t('announceTimeUp'));
      else if (view.phase === 'reveal' && question?.correct) {
        const answer = question.correct.map((i) => `${letter(i)}: ${question.options[i]}`).join(', ');
        const outcome = !view.mine
          ? 'missed'
          : question.correct.includes(view.mine.choice)
            ? 'right'
            : 'wrong';
        say(this.t('announceReveal', { answer, outcome: this.t(outcome) }));
      }
    } else if (seconds !== null && now.second !== null && now.second !== before.second && !view.mine)
      say(this.t('announceLeft', { s: seconds }));
    else if (view.standing && now.ranked !== before.ranked)
      say(
        this.t('announceStanding', {
          rank: view.standing.rank,
          players: view.standing.players,
          score: view.standing.score,
        }),
        false,
      );
  }

  /** Answering disables the options; focus goes to the line that says the answer is locked. */
  private onAnswer(choice: number): Promise<void> {
    return keepFocus(
      this,
      () => this.answer(choice),
      () => this.renderRoot.querySelector<HTMLElement>('[part~="status"]'),
    );
  }

  private async answer(choice: number): Promise<void> {
    const quiz = this.view.value?.quiz;
    if (!this.store || !quiz) return;
    const request = { quizId: quiz.id, question: quiz.index, choice };
    if (!this.emit(QuizEvents.answerRequest, request, { cancelable: true })) return;
    try {
      const answered = await this.store.answer(choice, this.playerName.trim().slice(0, 24) || undefined);
      this.clearFailure();
      this.emit(QuizEvents.answer, { ...request, ms: answered.ms });
      if (answered.first) this.telemetry.joined(quiz.id);
      const label = `${letter(choice)}: ${quiz.question?.options[choice] ?? ''}`;
      this.announcer.announce(this.t('announceLocked', { answer: label }), true);
    } catch (error) {
      const { code = 'action_failed', message = String(error) } = error as {
        code?: string;
        message?: string;
      };
      const known = (KNOWN_ERRORS as readonly string[]).includes(code);
      this.reportActionFailure(
        code,
        known ? this.t(`error_${code as (typeof KNOWN_ERRORS)[number]}`) : this.t('error_other', { message }),
      );
    }
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    const quiz = view?.quiz;
    if (!view || !quiz)
      return html`<div part="base" class=${this.baseClass} data-phase="none"><p part="status" class="status">${this.t('noQuiz')}</p>${this.announcer.render()}</div>`;
    // A group, not a landmark: a page may hold several quizzes with one title. Its content may
    // scroll inside the bounded height, so with no option to tap it takes focus itself, for the keys.
    return html`<div part="base" class=${this.baseClass} data-phase=${view.phase} role="group" aria-labelledby="title"
      tabindex=${view.canAnswer ? nothing : 0}>
      <h2 part="title" id="title">${quiz.title}</h2>
      ${renderPhase({
        view,
        locale: this.locale,
        answer: (choice) => void this.onAnswer(choice),
      })}
      ${this.renderActionFailure() ?? nothing} ${this.announcer.render()}
    </div>`;
  }
}
