/**
 * The standalone leaderboard's state: the quiz it follows, that quiz's board as revealed, and the
 * viewer's own place (from the standings shared with `<onair-quiz>` on the same channel).
 */
import type { Channel } from '@onair/core/element.js';
import { computed, type ReadableAtom } from 'nanostores';
import type { PublicQuiz, Standing } from '../model/quiz.js';
import { pickQuiz } from '../shared/pick-quiz.js';
import { standingsOf } from '../shared/standings.js';

export interface LeaderboardView {
  quiz: PublicQuiz | null;
  standing: Standing | null;
  /** False while the viewer's place in the ranking shown is still being asked for. */
  standingKnown: boolean;
  viewerId: string | null;
}

export function createLeaderboardStore(
  channel: Channel,
  quizId: string | null,
): ReadableAtom<LeaderboardView> {
  return computed(
    [channel.collection<PublicQuiz>('quizzes'), standingsOf(channel).$standings, channel.$viewer],
    (quizzes, standings, viewer) => {
      const quiz = pickQuiz(quizzes, quizId);
      return {
        quiz,
        standing: quiz ? (standings[quiz.id] ?? null) : null,
        standingKnown: !quiz || Object.hasOwn(standings, quiz.id),
        viewerId: viewer?.id ?? null,
      };
    },
  );
}
