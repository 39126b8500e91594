/**
 * The quiz's records and what viewers see of them. The rules that change them are in
 * `quiz-rules.ts`; `quiz-feature.ts` wires both into the live feature both hosts run.
 *
 * A quiz is four kinds of records: the quiz itself (`quizzes`, public through `publicQuiz()`: the
 * current question without its answer until the reveal), its questions (`quizQuestions`, never
 * sent), one record per player (`quizPlayers`, never sent: answers, score, streak) and the latest
 * ranking of every player (`quizStandings`, never sent whole: each viewer gets their own line).
 */
import type { QuizQuestion } from './quiz-schema.js';

export type QuizStatus = 'draft' | 'question' | 'locked' | 'reveal' | 'leaderboard' | 'ended';

/** Statuses in which the current question's answer, its tally and the latest ranking are shown. */
export const SHOWN_STATUSES: readonly QuizStatus[] = ['reveal', 'leaderboard', 'ended'];

/** Players on the public leaderboard. */
export const BOARD_SIZE = 10;

/** One line of the leaderboard. */
export interface BoardEntry {
  rank: number;
  /** The player's public viewer id. */
  id: string;
  /** The name they answered under, or null (widgets then show a name made from the id). */
  name: string | null;
  score: number;
  /** Total answer time, ms: each scored question asked so far, its full limit when not answered. */
  timeMs: number;
}

export interface QuizRecord {
  id: string;
  title: string;
  /** Questions in the quiz. */
  count: number;
  status: QuizStatus;
  /** The current (or last) question, from 0; -1 before the first. */
  index: number;
  /** The current question, with its answer (hidden by `publicQuiz()` until shown). */
  question: QuizQuestion | null;
  openedAt: number | null;
  /** Answers sent (by the server's measure) after this are late; epoch ms. */
  closesAt: number | null;
  /** Answers to the current question, per option. */
  tally: number[];
  answered: number;
  /** Viewers who answered at least once. */
  players: number;
  /** Questions asked so far, in the order they were asked. */
  asked: number[];
  /** The latest ranking (made when a question locks): after which question, and its top players. */
  ranked: number;
  board: BoardEntry[];
  /** The ranking viewers see: the latest one, from the moment it is revealed. */
  shown: { ranked: number; board: BoardEntry[] };
}

export interface QuestionsRecord {
  questions: QuizQuestion[];
}

/** One answer of a player, as scored when it arrived. */
export interface PlayerAnswer {
  choice: number;
  /** Answer time, ms from the question's opening, latency allowance taken off. */
  ms: number;
  correct: boolean;
  points: number;
  bonus: number;
}

export interface PlayerRecord {
  quiz: string;
  /** Public viewer id. */
  viewer: string;
  name: string | null;
  /** 1 for the first viewer who answered, and so on: the last tie-break. */
  order: number;
  score: number;
  /** Right answers in a row as of question `streakAt`. */
  streak: number;
  streakAt: number;
  /** Σ (time limit − answer time) over the scored questions answered. */
  saved: number;
  /** By question index. */
  answers: { [question: string]: PlayerAnswer };
}

/** Every player's place in the latest ranking: `[rank, score, streak]` by player record id. */
export interface StandingsRecord {
  quiz: string;
  /** The question the ranking includes up to. */
  after: number;
  players: number;
  entries: { [player: string]: [rank: number, score: number, streak: number] };
}

/** The current question as viewers see it. */
export interface PublicQuestion {
  text: string;
  options: string[];
  image: string | null;
  timeLimitMs: number;
  points: number;
  /** The right options, once shown; null before. */
  correct: number[] | null;
}

/** A quiz as viewers see it (PROTOCOL.md "Quizzes"). */
export interface PublicQuiz {
  id: string;
  title: string;
  count: number;
  status: QuizStatus;
  index: number;
  question: PublicQuestion | null;
  openedAt: number | null;
  closesAt: number | null;
  answered: number;
  players: number;
  /** Answers per option of the current question, once shown; null before. */
  tally: number[] | null;
  /** The question the leaderboard includes up to (-1: none yet). */
  ranked: number;
  board: BoardEntry[];
}

/** A viewer's answer to the last ranked question, as scored. */
export interface LastAnswer extends PlayerAnswer {
  question: number;
}

/** A viewer's own place, as of the ranking viewers see. */
export interface Standing {
  quiz: string;
  after: number;
  rank: number;
  players: number;
  score: number;
  streak: number;
  /** Questions answered, and answered right, up to `after`. */
  answered: number;
  correct: number;
  /** Their answer to question `after`, or null when they gave none. */
  last: LastAnswer | null;
}

/** A viewer's own record of a quiz (`mine.quizzes[quiz]`). */
export interface MyQuiz {
  /** Their player record's id, to find their standing. */
  player: string;
  answers: { [question: string]: { choice: number; ms: number } };
}

/** What a viewer sees of their own record of a quiz. */
export interface MyQuizView {
  answers: MyQuiz['answers'];
  standing: Standing | null;
}

/** The player record id of a viewer (by storage key) in a quiz. */
export function playerId(quiz: string, viewerKey: string): string {
  return `${quiz}/${viewerKey}`;
}

export function isShown(status: QuizStatus): boolean {
  return SHOWN_STATUSES.includes(status);
}

/** The viewer-facing copy: the current question without its answer, the tally and ranking once shown. */
export function publicQuiz(quiz: QuizRecord): PublicQuiz {
  const shown = isShown(quiz.status);
  const q = quiz.question;
  return {
    id: quiz.id,
    title: quiz.title,
    count: quiz.count,
    status: quiz.status,
    index: quiz.index,
    question: q && {
      text: q.text,
      options: q.options,
      image: q.image ?? null,
      timeLimitMs: q.timeLimitMs,
      points: q.points,
      correct: shown ? q.correct : null,
    },
    openedAt: quiz.openedAt,
    closesAt: quiz.closesAt,
    answered: quiz.answered,
    players: quiz.players,
    tally: shown && q ? quiz.tally : null,
    ranked: quiz.shown.ranked,
    board: quiz.shown.board,
  };
}

/**
 * A viewer's standing as of the ranking viewers see, or null: not a player then, or the latest
 * ranking (made when a question locked) is not revealed yet — their rank would give the answer away.
 */
export function standingOf(
  quiz: QuizRecord,
  standings: StandingsRecord | undefined,
  player: PlayerRecord | undefined,
  id: string,
): Standing | null {
  if (!standings || !player || standings.after !== quiz.shown.ranked) return null;
  if (!Object.hasOwn(standings.entries, id)) return null;
  const [rank, score, streak] = standings.entries[id]!;
  const upTo = quiz.asked.slice(0, quiz.asked.indexOf(standings.after) + 1);
  let answered = 0;
  let correct = 0;
  for (const index of upTo) {
    if (!Object.hasOwn(player.answers, index)) continue;
    answered += 1;
    if (player.answers[index]!.correct) correct += 1;
  }
  const last = Object.hasOwn(player.answers, standings.after)
    ? { question: standings.after, ...player.answers[standings.after]! }
    : null;
  return {
    quiz: quiz.id,
    after: standings.after,
    rank,
    players: standings.players,
    score,
    streak,
    answered,
    correct,
    last,
  };
}
