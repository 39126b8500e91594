/**
 * Running per-question summaries of a survey's responses, updated as each response is stored so
 * viewers and ops read them without going through the stored rows. Counts only: what viewers
 * wrote never leaves the server in a summary.
 */
import { questionsOf } from './logic.js';
import type { Answers, Question, Survey } from './schema.js';

export interface QuestionResult {
  /** Responses that answered it. */
  n: number;
  /**
   * Per choice, in order ("other" last): how many picked it (single, multiple, dropdown), the sum
   * of its positions, 1 = first (ranking: the average position is sum / n); per point of the scale
   * from its low end (rating); yes then no (yes/no).
   */
  counts?: number[];
}

export interface SurveyResults {
  id: string;
  /** Whether viewers see them. */
  shown: boolean;
  responses: number;
  questions: Record<string, QuestionResult>;
}

/** What viewers receive: the summaries while shown, else only that they are hidden. */
export const publicResults = (results: SurveyResults): object =>
  results.shown ? results : { id: results.id, shown: false };

/** The values a question's counts are kept for, in order. */
export function countedValues(q: Question): unknown[] | null {
  if (q.type === 'yesno') return [true, false];
  if (q.type === 'rating') {
    const min = q.min ?? 1;
    return Array.from({ length: (q.max ?? 5) - min + 1 }, (_, i) => min + i);
  }
  if (!q.choices) return null;
  const values: unknown[] = q.choices.map((c) => c.value);
  return q.other ? [...values, 'other'] : values;
}

export function emptyResults(survey: Survey, shown: boolean): SurveyResults {
  const questions: Record<string, QuestionResult> = {};
  for (const q of questionsOf(survey)) {
    if (q.type === 'info') continue;
    const values = countedValues(q);
    questions[q.id] = values ? { n: 0, counts: values.map(() => 0) } : { n: 0 };
  }
  return { id: survey.id, shown, responses: 0, questions };
}

/** The summaries with one more (already accepted) response counted. */
export function addResponse(results: SurveyResults, survey: Survey, answers: Answers): SurveyResults {
  const questions = { ...results.questions };
  for (const q of questionsOf(survey)) {
    if (!Object.hasOwn(answers, q.id) || !Object.hasOwn(questions, q.id)) continue;
    const value = answers[q.id]!;
    const before = questions[q.id]!;
    const counts = before.counts && [...before.counts];
    const values = countedValues(q);
    if (counts && values)
      if (q.type === 'ranking')
        (value as string[]).forEach((choice, position) => {
          counts[values.indexOf(choice)]! += position + 1;
        });
      else
        for (const one of [value].flat()) {
          const at = values.indexOf(one);
          if (at >= 0) counts[at]! += 1;
        }
    questions[q.id] = counts ? { n: before.n + 1, counts } : { n: before.n + 1 };
  }
  return { ...results, responses: results.responses + 1, questions };
}
