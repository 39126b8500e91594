// The quiz's rules on their own: the documented scoring, the window an answer must be sent in,
// one answer per viewer, streaks across asked questions, and the order of the ranking.
import { describe, expect, it } from 'vitest';
import { type PlayerRecord, publicQuiz, type QuizRecord, standingOf } from './quiz.js';
import {
  applyAnswer,
  createQuiz,
  LOCK_AFTER_CLOSE_MS,
  lockQuestion,
  showRanking,
  startQuestion,
} from './quiz-rules.js';
import { type QuizConfig, validateQuizConfig } from './quiz-schema.js';
import { compareRanked, speedPoints, streakBonus } from './scoring.js';

const T0 = 1_800_000_000_000;

function config(points = [1000, 1000, 1000]): QuizConfig {
  const parsed = validateQuizConfig({
    id: 'q1',
    title: 'Brand day',
    questions: points.map((p, i) => ({
      text: `Question ${i}`,
      options: ['A', 'B', 'C'],
      correct: [1],
      timeLimitMs: 10_000,
      points: p,
    })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** Runs answers `[viewer, question, choice, atMs]` through questions asked in order; returns players. */
function play(answers: [string, number, number, number][], points?: number[]) {
  const { quiz: created, questions } = createQuiz(config(points));
  let quiz: QuizRecord = created;
  const players = new Map<string, PlayerRecord>();
  for (let n = 0; n < created.count; n++) {
    quiz = startQuestion(quiz, questions, n, T0 + n * 60_000);
    for (const [viewer, question, choice, at] of answers) {
      if (question !== n) continue;
      const id = `q1/a:${viewer}`;
      const out = applyAnswer(quiz, questions, players.get(id), {
        question,
        choice,
        name: undefined,
        now: quiz.openedAt! + at,
        latencyMs: 0,
        viewer,
      });
      if (!out.ok) throw new Error(out.error.message);
      if (out.repeated) continue;
      quiz = out.quiz;
      players.set(id, out.player);
    }
    quiz = lockQuestion(quiz, questions, players, quiz.closesAt! + LOCK_AFTER_CLOSE_MS).quiz;
  }
  return { quiz, players, questions };
}

describe('scoring', () => {
  it('speed points: all at once, half at the buzzer, rounded', () => {
    expect(speedPoints(0, 10_000, 1000)).toBe(1000);
    expect(speedPoints(10_000, 10_000, 1000)).toBe(500);
    expect(speedPoints(2_345, 20_000, 1000)).toBe(Math.round((1 - 2_345 / 20_000 / 2) * 1000));
    expect(speedPoints(99_999, 10_000, 1000)).toBe(500); // clamped to the limit
  });

  it('streak bonus: a tenth of the points per answer after the first, at most half', () => {
    expect([1, 2, 3, 6, 9].map((s) => streakBonus(1000, s))).toEqual([0, 100, 200, 500, 500]);
    expect(streakBonus(300, 2)).toBe(30);
  });

  it('ranks by score, then total time, then who answered first', () => {
    const a = { score: 900, saved: 100, order: 2 };
    expect(compareRanked(a, { ...a, score: 901 })).toBeGreaterThan(0);
    expect(compareRanked(a, { ...a, saved: 101 })).toBeGreaterThan(0);
    expect(compareRanked(a, { ...a, order: 1 })).toBeGreaterThan(0);
    expect(compareRanked(a, { ...a, order: 3 })).toBeLessThan(0);
  });
});

describe('answers', () => {
  it('are timed from the opening, less the latency allowance, and refused once sent after the close', () => {
    const { quiz: created, questions } = createQuiz(config());
    const quiz = startQuestion(created, questions, 0, T0);
    const answer = (at: number, latencyMs: number) =>
      applyAnswer(quiz, questions, undefined, {
        question: 0,
        choice: 1,
        name: undefined,
        now: T0 + at,
        latencyMs,
        viewer: 'v',
      });
    expect(answer(3_000, 200)).toMatchObject({ ok: true, answer: { ms: 2_800, points: 860 } });
    expect(answer(10_000, 0)).toMatchObject({ ok: true, answer: { ms: 10_000, points: 500 } });
    expect(answer(10_150, 200)).toMatchObject({ ok: true, answer: { ms: 9_950 } });
    expect(answer(10_001, 0)).toMatchObject({ ok: false, error: { code: 'question_closed' } });
    expect(answer(10_201, 200)).toMatchObject({ ok: false, error: { code: 'question_closed' } });
  });

  it('one per viewer: the same answer again is accepted unchanged, another is refused', () => {
    const { quiz: created, questions } = createQuiz(config());
    const quiz = startQuestion(created, questions, 0, T0);
    const input = { question: 0, choice: 2, name: 'Ann', now: T0 + 1_000, latencyMs: 0, viewer: 'v' };
    const first = applyAnswer(quiz, questions, undefined, input);
    if (!first.ok || first.repeated) throw new Error('expected a first answer');
    const again = applyAnswer(first.quiz, questions, first.player, { ...input, now: T0 + 4_000 });
    expect(again).toEqual({ ok: true, answer: first.answer, repeated: true });
    expect(applyAnswer(first.quiz, questions, first.player, { ...input, choice: 1 })).toMatchObject({
      ok: false,
      error: { code: 'already_answered' },
    });
    expect(applyAnswer(first.quiz, questions, undefined, { ...input, choice: 3 })).toMatchObject({
      ok: false,
      error: { code: 'unknown_option', path: 'payload.choice' },
    });
  });

  it('streaks run over right answers to the questions asked, and break on a wrong or missed one', () => {
    const { players, quiz } = play([
      ['ann', 0, 1, 0],
      ['ann', 1, 1, 0],
      ['ann', 2, 1, 0],
      ['bob', 0, 1, 0],
      ['bob', 2, 1, 0], // missed question 1: the run starts again
      ['cid', 0, 1, 0],
      ['cid', 1, 0, 0], // wrong
      ['cid', 2, 1, 0],
    ]);
    expect(players.get('q1/a:ann')).toMatchObject({ score: 1000 + 1100 + 1200, streak: 3 });
    expect(players.get('q1/a:bob')).toMatchObject({ score: 1000 + 1000, streak: 1 });
    expect(players.get('q1/a:cid')).toMatchObject({ score: 1000 + 1000, streak: 1 });
    expect(quiz.board.map((e) => [e.id, e.rank])).toEqual([
      ['ann', 1],
      // bob and cid tie on points; cid answered every question at once, bob's missed one counts 10 s.
      ['cid', 2],
      ['bob', 3],
    ]);
    expect(quiz.board.map((e) => e.timeMs)).toEqual([0, 0, 10_000]);
  });

  it('ties on score and time go to whoever answered first; a warm-up question counts for nothing', () => {
    const { quiz } = play(
      [
        ['late', 0, 0, 100], // the warm-up: a wrong answer, no matter
        ['early', 0, 1, 50],
        ['early', 1, 1, 2_000],
        ['late', 1, 1, 2_000],
      ],
      [0, 1000],
    );
    expect(quiz.board.map((e) => [e.id, e.score])).toEqual([
      ['late', 900],
      ['early', 900],
    ]);
  });

  it('a viewer sees their standing once the ranking is revealed, never before', () => {
    const { quiz, players } = play([['ann', 0, 1, 1_000]], [1000]);
    const { standings } = lockQuestion(
      { ...quiz, status: 'question' },
      createQuiz(config([1000])).questions,
      players,
      0,
    );
    const ann = players.get('q1/a:ann');
    expect(standingOf(quiz, standings, ann, 'q1/a:ann')).toBeNull(); // locked, not shown yet
    const shown = showRanking(quiz, 'reveal');
    expect(standingOf(shown, standings, ann, 'q1/a:ann')).toMatchObject({
      rank: 1,
      score: 950,
      streak: 1,
      answered: 1,
      correct: 1,
      last: { question: 0, choice: 1, ms: 1_000, points: 950, bonus: 0 },
    });
    expect(publicQuiz(quiz)).toMatchObject({ board: [], tally: null, question: { correct: null } });
    expect(publicQuiz(shown)).toMatchObject({ ranked: 0, tally: [0, 1, 0], question: { correct: [1] } });
  });
});

describe('config', () => {
  it('names the field at fault', () => {
    const bad = validateQuizConfig({
      id: 'q',
      title: 'T',
      questions: [{ text: 'x', options: ['a', 'b'], correct: [2] }],
    });
    expect(bad).toEqual({ ok: false, issues: [{ path: 'questions[0].correct[0]', key: 'int|0|1' }] });
    const image = validateQuizConfig({
      id: 'q',
      title: 'T',
      questions: [{ text: 'x', options: ['a', 'b'], correct: [0], image: 'javascript:alert(1)' }],
    });
    expect(image).toMatchObject({ ok: false, issues: [{ path: 'questions[0].image', key: 'url' }] });
  });
});
