import type { PublicQuiz } from '../model/quiz.js';

/**
 * The quiz a widget shows: the one it names, else the room's running quiz (the one whose question
 * opened last), else one waiting to start, else the one that ended last.
 */
export function pickQuiz(
  quizzes: Readonly<Record<string, PublicQuiz>>,
  id: string | null,
): PublicQuiz | null {
  if (id) return Object.hasOwn(quizzes, id) ? quizzes[id]! : null;
  let best: PublicQuiz | null = null;
  const weight = (quiz: PublicQuiz) => (quiz.status === 'ended' ? 0 : quiz.status === 'draft' ? 1 : 2);
  for (const quiz of Object.values(quizzes)) {
    if (!best) best = quiz;
    else {
      const order = weight(quiz) - weight(best) || (quiz.openedAt ?? 0) - (best.openedAt ?? 0);
      if (order > 0 || (order === 0 && quiz.id < best.id)) best = quiz;
    }
  }
  return best;
}
