/**
 * The quiz widget's state and its one action. The element renders what this store says: which
 * quiz shows, its phase, the time left by the server's clock, the options with their tally once
 * shown, the viewer's own answer and standing.
 */
import { type Channel, mineRecord } from '@onair/core/element.js';
import { atom, computed, type ReadableAtom } from 'nanostores';
import type { MyQuizView, PublicQuiz, Standing } from '../model/quiz.js';
import { pickQuiz } from '../shared/pick-quiz.js';
import { serverClock } from '../shared/server-clock.js';
import type { StandingsStore } from '../shared/standings.js';

/**
 * What the viewer sees: no quiz, one waiting to start, a question with time left, a question
 * whose time is up (or locked), the answer revealed, the leaderboard, or the final results.
 */
export type QuizPhase = 'none' | 'waiting' | 'question' | 'closed' | 'reveal' | 'leaderboard' | 'ended';

export interface OptionRow {
  index: number;
  label: string;
  /** Answers to it and their share, once shown; null before. */
  count: number | null;
  ratio: number | null;
  /** Once shown: whether it is a right answer; null before. */
  correct: boolean | null;
  mine: boolean;
}

export interface QuizView {
  quiz: PublicQuiz | null;
  phase: QuizPhase;
  rows: OptionRow[];
  /** The viewer's answer to the current question: `ms` once the server timed it. */
  mine: { choice: number; ms: number | null } | null;
  pending: boolean;
  remainingMs: number | null;
  /** Share of the question's time left, 1…0. */
  remainingRatio: number | null;
  standing: Standing | null;
  /** False while the viewer's place in the ranking shown is still being asked for. */
  standingKnown: boolean;
  canAnswer: boolean;
  /** The viewer's public id, to find their own line on the leaderboard. */
  viewerId: string | null;
}

export interface AnswerResult {
  quizId: string;
  question: number;
  choice: number;
  ms: number;
  /** The viewer's first answer in this quiz: they joined it. */
  first: boolean;
}

export interface QuizStore {
  $view: ReadableAtom<QuizView>;
  /** Sends the viewer's answer to the current question; rejects with the server's refusal. */
  answer(choice: number, name?: string): Promise<AnswerResult>;
}

export function createQuizStore(
  channel: Channel,
  quizId: string | null,
  standings: StandingsStore,
): QuizStore {
  const $quizzes = channel.collection<PublicQuiz>('quizzes');
  const $pending = atom<{ quiz: string; question: number; choice: number } | null>(null);
  const $running = computed($quizzes, (quizzes) => {
    const quiz = pickQuiz(quizzes, quizId);
    return quiz?.status === 'question' ? quiz : null;
  });
  const $now = serverClock(channel, $running, (quiz) => quiz?.closesAt ?? null);

  const $view = computed(
    [$quizzes, channel.$viewer, standings.$standings, $pending, $now],
    (quizzes, viewer, standingMap, pending, now): QuizView => {
      const quiz = pickQuiz(quizzes, quizId);
      if (!quiz) return { ...empty, viewerId: viewer?.id ?? null };
      const own = mineRecord<MyQuizView>(viewer?.mine, 'quizzes', quiz.id);
      const answered = own && Object.hasOwn(own.answers, quiz.index) ? own.answers[quiz.index]! : null;
      const sending = pending?.quiz === quiz.id && pending.question === quiz.index ? pending : null;
      const mine = answered ?? (sending ? { choice: sending.choice, ms: null } : null);
      const open = quiz.status === 'question' && quiz.closesAt !== null && now < quiz.closesAt;
      const phase: QuizPhase =
        quiz.status === 'draft'
          ? 'waiting'
          : quiz.status === 'question' || quiz.status === 'locked'
            ? open
              ? 'question'
              : 'closed'
            : quiz.status;
      const total = quiz.tally?.reduce((sum, n) => sum + n, 0) ?? 0;
      const rows = (quiz.question?.options ?? []).map((label, index) => {
        const count = quiz.tally ? (quiz.tally[index] ?? 0) : null;
        return {
          index,
          label,
          count,
          ratio: count === null ? null : total ? count / total : 0,
          correct: quiz.question?.correct ? quiz.question.correct.includes(index) : null,
          mine: mine?.choice === index,
        };
      });
      const remainingMs = open ? Math.max(0, quiz.closesAt! - now) : null;
      const span = (quiz.closesAt ?? 0) - (quiz.openedAt ?? 0);
      return {
        quiz,
        phase,
        rows,
        mine,
        pending: !!sending,
        remainingMs,
        remainingRatio: remainingMs !== null && span > 0 ? Math.min(1, remainingMs / span) : null,
        standing: standingMap[quiz.id] ?? null,
        standingKnown: Object.hasOwn(standingMap, quiz.id),
        canAnswer: open && !mine,
        viewerId: viewer?.id ?? null,
      };
    },
  );

  return {
    $view,
    async answer(choice, name) {
      const view = $view.get();
      const quiz = view.quiz;
      if (!quiz || !view.canAnswer)
        throw Object.assign(new Error('no question to answer'), { code: 'question_closed' });
      $pending.set({ quiz: quiz.id, question: quiz.index, choice });
      try {
        const payload = { quiz: quiz.id, question: quiz.index, choice, ...(name ? { name } : {}) };
        const { mine } = await channel.act<{ ms: number }>('quiz.answer', payload);
        const own = mineRecord<MyQuizView>(mine, 'quizzes', quiz.id);
        const ms = own?.answers[quiz.index]?.ms ?? 0;
        return {
          quizId: quiz.id,
          question: quiz.index,
          choice,
          ms,
          first: Object.keys(own?.answers ?? {}).length === 1,
        };
      } finally {
        $pending.set(null);
      }
    },
  };
}

const empty: QuizView = {
  quiz: null,
  phase: 'none',
  rows: [],
  mine: null,
  pending: false,
  remainingMs: null,
  remainingRatio: null,
  standing: null,
  standingKnown: true,
  canAnswer: false,
  viewerId: null,
};
