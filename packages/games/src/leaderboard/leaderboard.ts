import {
  AnnounceController,
  OnairElement,
  RoomSourceController,
  StoreController,
} from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { ReadableAtom } from 'nanostores';
import { boardStyles, renderBoard } from '../shared/board.js';
import { type QuizMessageKey, quizMessage } from '../shared/quiz.messages.js';
import { leaderboardStyles } from './leaderboard.styles.js';
import { createLeaderboardStore, type LeaderboardView } from './leaderboard-store.js';

/**
 * A quiz's leaderboard on its own, for a side column or below the player: the top players after
 * each reveal and the viewer's own place, live, in step with `<onair-quiz>` anywhere on the page.
 *
 * @tag onair-quiz-leaderboard
 * @summary Live quiz leaderboard: the top 10 and the viewer's own place.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - No room. `detail: { code, message, path }`.
 * @csspart base - The leaderboard's box.
 * @csspart title - The heading: the quiz's title.
 * @csspart meta - After which question the ranking stands, or that it is final.
 * @csspart board - The list of top players.
 * @csspart entry - One player; `data-mine` for the viewer.
 * @csspart rank - A player's place.
 * @csspart name - A player's name.
 * @csspart score - A player's score.
 * @csspart own - The viewer's own place when not among the top players.
 * @csspart empty - The line shown while nobody has scored.
 * @cssproperty --onair-quiz-accent-color - The viewer's own line.
 */
export class OnairQuizLeaderboard extends OnairElement {
  static override styles = [...OnairElement.styles, boardStyles, leaderboardStyles];
  static override telemetryKind = 'quiz-leaderboard';

  /** Id of the room's quiz to follow; omitted follows the one running (or the last ended). */
  @property({ attribute: 'quiz', reflect: true }) quizId = '';

  private readonly view = new StoreController<LeaderboardView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 10_000);
  private readonly source = new RoomSourceController<ReadableAtom<LeaderboardView>>(this, {
    create: (channel) => createLeaderboardStore(channel, this.quizId || null),
    use: (store) => this.view.setStore(store),
    noRoom: () => this.t('noRoom'),
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });
  private seen = '';

  private t(key: QuizMessageKey, params?: Record<string, string | number>): string {
    return quizMessage(this.locale, key, params);
  }

  protected override willUpdate(): void {
    this.source.update(this.roomContext?.channel ?? null, this.quizId);
    this.report();
  }

  /** A new ranking shown: `game.leaderboard_view` once, and the viewer's own place said politely. */
  private report(): void {
    const { quiz, standing, standingKnown } = this.view.value ?? { quiz: null, standing: null };
    // Reported once the viewer's own place in it is known, so `rank` is theirs when they have one.
    if (!quiz?.board.length || !standingKnown) return;
    const key = `${quiz.id}|${quiz.ranked}|${standing?.after ?? ''}`;
    if (key === this.seen) return;
    const first = !this.seen.startsWith(`${quiz.id}|${quiz.ranked}|`);
    this.seen = key;
    if (first)
      this.widgetTelemetry?.send('game.leaderboard_view', {
        game: 'quiz',
        quiz: quiz.id,
        question: quiz.ranked,
        rank: standing?.after === quiz.ranked ? standing.rank : null,
        surface: 'leaderboard',
      });
    if (standing?.after === quiz.ranked)
      this.announcer.announce(
        this.t('announceStanding', { rank: standing.rank, players: standing.players, score: standing.score }),
      );
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    const quiz = view?.quiz;
    // A group, not a landmark, as the quiz: a page may show one quiz's leaderboard twice.
    return html`<div part="base" class=${this.baseClass} role="group" aria-labelledby="title">
      <h2 part="title" id="title">${this.t('leaderboard')}${quiz ? html` · ${quiz.title}` : nothing}</h2>
      ${
        quiz && quiz.ranked >= 0
          ? html`<p part="meta">${quiz.status === 'ended' ? this.t('finalResults') : this.t('afterQuestion', { n: quiz.ranked + 1 })}</p>`
          : nothing
      }
      ${renderBoard(quiz?.board ?? [], {
        locale: this.locale,
        viewerId: view?.viewerId ?? null,
        standing: view?.standing ?? null,
        label: this.t('leaderboard'),
      })}
      ${this.announcer.render()}
    </div>`;
  }
}
