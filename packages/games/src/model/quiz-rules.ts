/**
 * The quiz's rules as pure functions over its records: a question opens, takes one answer per
 * viewer while its time runs (measured by the host, less the connection's latency allowance),
 * closes, locks into a ranking, and the ranking is shown. Scoring itself is in `scoring.ts`.
 */
import { MAX_LATENCY_ALLOWANCE_MS } from '@onair/core/feature.js';
import {
  BOARD_SIZE,
  type BoardEntry,
  type PlayerAnswer,
  type PlayerRecord,
  type QuestionsRecord,
  type QuizRecord,
  type QuizStatus,
  type StandingsRecord,
} from './quiz.js';
import type { QuizConfig } from './quiz-schema.js';
import { compareRanked, speedPoints, streakBonus } from './scoring.js';

/**
 * A question locks this long after it closes: an answer sent in time still arrives within its
 * connection's latency allowance, which is at most this.
 */
export const LOCK_AFTER_CLOSE_MS = MAX_LATENCY_ALLOWANCE_MS;

export interface QuizError {
  code: string;
  message: string;
  path?: string;
}

export function createQuiz(config: QuizConfig): { quiz: QuizRecord; questions: QuestionsRecord } {
  return {
    quiz: {
      id: config.id,
      title: config.title,
      count: config.questions.length,
      status: 'draft',
      index: -1,
      question: null,
      openedAt: null,
      closesAt: null,
      tally: [],
      answered: 0,
      players: 0,
      asked: [],
      ranked: -1,
      board: [],
      shown: { ranked: -1, board: [] },
    },
    questions: { questions: config.questions },
  };
}

/** Question `n` opens now for its time limit. */
export function startQuestion(
  quiz: QuizRecord,
  questions: QuestionsRecord,
  n: number,
  now: number,
): QuizRecord {
  const question = questions.questions[n]!;
  return {
    ...quiz,
    status: 'question',
    index: n,
    question,
    openedAt: now,
    closesAt: now + question.timeLimitMs,
    tally: question.options.map(() => 0),
    answered: 0,
    asked: [...quiz.asked, n],
  };
}

/** Closes the open question now (ops closing early); it locks `LOCK_AFTER_CLOSE_MS` later. */
export function closeQuestion(quiz: QuizRecord, now: number): QuizRecord {
  return { ...quiz, closesAt: Math.min(quiz.closesAt ?? now, now) };
}

/** When an open question locks: its close plus the longest latency allowance. */
export function lockDue(quiz: QuizRecord): number | null {
  return quiz.status === 'question' && quiz.closesAt !== null ? quiz.closesAt + LOCK_AFTER_CLOSE_MS : null;
}

/**
 * Locks the open question and ranks every player of the quiz: the top of the board and each
 * player's `[rank, score, streak]`. Shown to viewers once the quiz reveals it.
 */
export function lockQuestion(
  quiz: QuizRecord,
  questions: QuestionsRecord,
  allPlayers: Iterable<[string, PlayerRecord]>,
  now: number,
): { quiz: QuizRecord; standings: StandingsRecord } {
  const scored = quiz.asked.filter((i) => questions.questions[i]!.points > 0);
  const limitsMs = scored.reduce((sum, i) => sum + questions.questions[i]!.timeLimitMs, 0);
  const lastScored = scored.at(-1) ?? -1;
  const players: [string, PlayerRecord][] = [];
  for (const entry of allPlayers) if (entry[1].quiz === quiz.id) players.push(entry);
  players.sort((a, b) => compareRanked(a[1], b[1]));
  const entries: StandingsRecord['entries'] = {};
  const board: BoardEntry[] = [];
  players.forEach(([id, player], i) => {
    // A run of right answers ends at the first scored question the player got wrong or missed.
    const streak = player.streakAt === lastScored ? player.streak : 0;
    entries[id] = [i + 1, player.score, streak];
    if (i < BOARD_SIZE)
      board.push({
        rank: i + 1,
        id: player.viewer,
        name: player.name,
        score: player.score,
        timeMs: limitsMs - player.saved,
      });
  });
  const closesAt = Math.min(quiz.closesAt ?? now, now);
  return {
    quiz: { ...quiz, status: 'locked', closesAt, ranked: quiz.index, board },
    standings: { quiz: quiz.id, after: quiz.index, players: players.length, entries },
  };
}

/** Reveals, shows the leaderboard or ends: the latest ranking becomes the one viewers see. */
export function showRanking(
  quiz: QuizRecord,
  status: QuizStatus & ('reveal' | 'leaderboard' | 'ended'),
): QuizRecord {
  return { ...quiz, status, shown: { ranked: quiz.ranked, board: quiz.board } };
}

export interface AnswerInput {
  question: number;
  choice: number;
  name: string | undefined;
  /** When the answer arrived and the connection's latency allowance, as the host measured them. */
  now: number;
  latencyMs: number;
  /** The viewer's public id. */
  viewer: string;
}

export type AnswerOutcome =
  | { ok: true; quiz: QuizRecord; player: PlayerRecord; answer: PlayerAnswer; repeated: false }
  | { ok: true; answer: PlayerAnswer; repeated: true }
  | { ok: false; error: QuizError };

/**
 * One viewer's answer. The time is the host's: from the question's opening to the answer's arrival,
 * less the connection's latency allowance; sent after the close it is refused (`question_closed`)
 * whatever the client's clock says. The same answer again is accepted unchanged (two tabs, a
 * retry with a new key); another one is refused (`already_answered`).
 */
export function applyAnswer(
  quiz: QuizRecord,
  questions: QuestionsRecord,
  prior: PlayerRecord | undefined,
  input: AnswerInput,
): AnswerOutcome {
  const n = input.question;
  if (quiz.status !== 'question' || quiz.index !== n || !quiz.question)
    return fail('question_closed', `question ${n} of quiz ${quiz.id} is not open`);
  const sentAt = input.now - input.latencyMs;
  const late = sentAt - quiz.closesAt!;
  if (late > 0)
    return fail(
      'question_closed',
      `question ${n} of quiz ${quiz.id} closed ${late} ms before this answer was sent (latency allowance ${input.latencyMs} ms)`,
    );
  const question = quiz.question;
  if (input.choice >= question.options.length)
    return fail(
      'unknown_option',
      `question ${n} has options 0–${question.options.length - 1}, not ${input.choice}`,
      'payload.choice',
    );
  if (prior && Object.hasOwn(prior.answers, n)) {
    const answer = prior.answers[n]!;
    if (answer.choice === input.choice) return { ok: true, answer, repeated: true };
    return fail('already_answered', `this viewer already answered question ${n} of quiz ${quiz.id}`);
  }

  const ms = Math.min(Math.max(sentAt - quiz.openedAt!, 0), question.timeLimitMs);
  const correct = question.correct.includes(input.choice);
  const player: PlayerRecord = prior
    ? { ...prior, answers: { ...prior.answers } }
    : {
        quiz: quiz.id,
        viewer: input.viewer,
        name: null,
        order: quiz.players + 1,
        score: 0,
        streak: 0,
        streakAt: -1,
        saved: 0,
        answers: {},
      };
  if (input.name !== undefined) player.name = input.name;
  let answer: PlayerAnswer = { choice: input.choice, ms, correct, points: 0, bonus: 0 };
  // A warm-up question (0 points) changes no score, streak or time.
  if (question.points > 0) {
    const previous = previousScored(quiz, questions, n);
    const streak = correct ? (player.streakAt === previous ? player.streak : 0) + 1 : 0;
    const points = correct ? speedPoints(ms, question.timeLimitMs, question.points) : 0;
    const bonus = correct ? streakBonus(question.points, streak) : 0;
    answer = { ...answer, points, bonus };
    player.score += points + bonus;
    player.streak = streak;
    player.streakAt = n;
    player.saved += question.timeLimitMs - ms;
  }
  player.answers[n] = answer;
  const tally = quiz.tally.slice();
  tally[input.choice] = (tally[input.choice] ?? 0) + 1;
  return {
    ok: true,
    quiz: { ...quiz, tally, answered: quiz.answered + 1, players: quiz.players + (prior ? 0 : 1) },
    player,
    answer,
    repeated: false,
  };
}

/** The scored question asked just before question `n` (-1 when none): a streak continues from it. */
function previousScored(quiz: QuizRecord, questions: QuestionsRecord, n: number): number {
  const at = quiz.asked.lastIndexOf(n);
  for (let i = at - 1; i >= 0; i--) {
    const index = quiz.asked[i]!;
    if (questions.questions[index]!.points > 0) return index;
  }
  return -1;
}

function fail(code: string, message: string, path?: string): { ok: false; error: QuizError } {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}
