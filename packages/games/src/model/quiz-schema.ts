/**
 * What ops configure for a quiz and what viewers send, with a limit on everything: questions,
 * options, text lengths, time limits, points, quizzes per room, players per quiz.
 */
import {
  httpUrl,
  id,
  int,
  list,
  parse,
  strict,
  text,
  unique,
  type ValidationIssue,
} from '@onair/core/validation.js';
import * as v from 'valibot';

export const QUIZ_LIMITS = {
  questions: 50,
  title: 80,
  question: 160,
  options: { min: 2, max: 6 },
  option: 60,
  timeLimitMs: { min: 5_000, max: 120_000, default: 20_000 },
  points: { min: 0, max: 2_000, default: 1_000 },
  /** A player's display name on the leaderboard. */
  name: 24,
  quizzesPerRoom: 20,
  playersPerQuiz: 50_000,
} as const;

export const questionSchema = strict({
  text: text(1, QUIZ_LIMITS.question),
  options: list(text(1, QUIZ_LIMITS.option), QUIZ_LIMITS.options.min, QUIZ_LIMITS.options.max),
  /** Indexes of the correct options: any one of them is a right answer. */
  correct: v.pipe(list(int(0, QUIZ_LIMITS.options.max - 1), 1, QUIZ_LIMITS.options.max), unique<number>()),
  timeLimitMs: v.optional(
    int(QUIZ_LIMITS.timeLimitMs.min, QUIZ_LIMITS.timeLimitMs.max),
    QUIZ_LIMITS.timeLimitMs.default,
  ),
  /** Points for a right answer at once; 0 makes a warm-up question that changes no score. */
  points: v.optional(int(QUIZ_LIMITS.points.min, QUIZ_LIMITS.points.max), QUIZ_LIMITS.points.default),
  image: v.optional(httpUrl()),
});

export const quizConfigSchema = strict({
  id: id(64),
  title: text(1, QUIZ_LIMITS.title),
  questions: list(questionSchema, 1, QUIZ_LIMITS.questions),
});

export type QuizConfigInput = v.InferInput<typeof quizConfigSchema>;
export type QuizConfig = v.InferOutput<typeof quizConfigSchema>;
export type QuizQuestion = v.InferOutput<typeof questionSchema>;

/** `quiz.answer`: the question the viewer saw (so a late answer to it cannot land on the next one). */
export const answerPayloadSchema = strict({
  quiz: id(64),
  question: int(0, QUIZ_LIMITS.questions - 1),
  choice: int(0, QUIZ_LIMITS.options.max - 1),
  name: v.optional(text(1, QUIZ_LIMITS.name)),
});
export type AnswerPayload = v.InferOutput<typeof answerPayloadSchema>;

export const quizRefSchema = strict({ quiz: id(64) });
export const startSchema = strict({ quiz: id(64), question: v.optional(int(0, QUIZ_LIMITS.questions - 1)) });

/** Validates a config, including the rule that spans fields: answers are among the options. */
export function validateQuizConfig(
  input: unknown,
): { ok: true; value: QuizConfig } | { ok: false; issues: ValidationIssue[] } {
  const parsed = parse(quizConfigSchema, input);
  if (!parsed.ok) return parsed;
  const issues: ValidationIssue[] = [];
  parsed.value.questions.forEach((question, q) => {
    question.correct.forEach((answer, i) => {
      if (answer >= question.options.length)
        issues.push({ path: `questions[${q}].correct[${i}]`, key: `int|0|${question.options.length - 1}` });
    });
  });
  return issues.length ? { ok: false, issues } : parsed;
}
