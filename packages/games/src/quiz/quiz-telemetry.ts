/**
 * What `<onair-quiz>` reports (packages/telemetry/EVENTS.md): `widget.open`/`widget.close` around
 * each quiz it shows; `game.join` at a viewer's first answer in a quiz; `game.answer` when the
 * reveal of a question the viewer answered reaches their page (whether it was right is not known
 * before); `game.score` when their place after that question arrives; `game.leaderboard_view` the
 * first time each ranking shows as the leaderboard. Each at most once per quiz and question.
 */
import type { WidgetTelemetryController } from '@onair/core/element.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QuizView } from './quiz-store.js';

const GAME = 'quiz';

export class QuizTelemetry implements ReactiveController {
  private readonly widget: () => WidgetTelemetryController | null;
  private shown = '';
  /** Questions seen open on this page (`quiz|index`): an answer is reported at their reveal only. */
  private readonly watched = new Set<string>();
  private readonly sent = new Set<string>();

  constructor(host: ReactiveControllerHost, widget: () => WidgetTelemetryController | null) {
    this.widget = widget;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The element left the page: closed with what it showed (the base class would close it without). */
  removed(): void {
    if (this.shown) this.widget()?.close('removed', { quiz: this.shown });
    this.shown = ''; // reconnecting opens it again
  }

  joined(quiz: string): void {
    this.once(`join|${quiz}`, 'game.join', { game: GAME, quiz });
  }

  update(view: QuizView): void {
    const quiz = view.quiz;
    const id = quiz?.id ?? '';
    if (id !== this.shown) {
      if (this.shown) this.widget()?.close('replaced', { quiz: this.shown });
      if (id) this.widget()?.open({ quiz: id });
      this.shown = id;
    }
    if (!quiz) return;
    const question = `${quiz.id}|${quiz.index}`;
    if (view.phase === 'question' || view.phase === 'closed') this.watched.add(question);
    const revealed = quiz.question?.correct;
    if (revealed && view.mine && view.mine.ms !== null && this.watched.has(question))
      this.once(`answer|${question}`, 'game.answer', {
        game: GAME,
        quiz: quiz.id,
        question: quiz.index,
        correct: revealed.includes(view.mine.choice),
        latencyMs: view.mine.ms,
      });
    const standing = view.standing;
    if (standing && this.watched.has(`${quiz.id}|${standing.after}`))
      this.once(`score|${quiz.id}|${standing.after}`, 'game.score', {
        game: GAME,
        quiz: quiz.id,
        question: standing.after,
        points: standing.last?.points ?? 0,
        bonus: standing.last?.bonus ?? 0,
        score: standing.score,
        streak: standing.streak,
        rank: standing.rank,
      });
    // Once the viewer's own place in it is known, so `rank` is theirs when they have one.
    if ((view.phase === 'leaderboard' || view.phase === 'ended') && quiz.board.length && view.standingKnown)
      this.once(`board|${quiz.id}|${quiz.ranked}`, 'game.leaderboard_view', {
        game: GAME,
        quiz: quiz.id,
        question: quiz.ranked,
        rank: standing?.after === quiz.ranked ? standing.rank : null,
        surface: 'quiz',
      });
  }

  private once(key: string, type: string, props: Record<string, unknown>): void {
    if (this.sent.has(key)) return;
    this.sent.add(key);
    this.widget()?.send(type, props);
  }
}
