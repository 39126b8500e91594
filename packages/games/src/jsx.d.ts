// React 19 and Vue typings for <onair-quiz>, <onair-quiz-leaderboard> and <onair-lucky-draw>, brought in by the
// elements' declarations. Copied to dist/types by the build (tsc does not emit hand-written .d.ts).
import type { ReactElementProps, VueElement } from '@onair/core/element.js';
import type { OnairLuckyDraw } from './draw/draw.js';
import type { OnairQuizLeaderboard } from './leaderboard/leaderboard.js';
import type { OnairQuiz } from './quiz/quiz.js';

type QuizProps = 'quizId' | 'playerName' | 'theme' | 'room';
type QuizEvents = 'onair-answer-request' | 'onair-answer' | 'onair-error';
type BoardProps = 'quizId' | 'theme' | 'room';
type DrawProps = 'drawId' | 'theme' | 'room';
type DrawEvents = 'onair-draw-enter' | 'onair-prize-claim' | 'onair-error';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'onair-quiz': ReactElementProps<OnairQuiz, QuizProps, QuizEvents>;
      'onair-quiz-leaderboard': ReactElementProps<OnairQuizLeaderboard, BoardProps, 'onair-error'>;
      'onair-lucky-draw': ReactElementProps<OnairLuckyDraw, DrawProps, DrawEvents>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-quiz': VueElement<OnairQuiz, QuizProps, QuizEvents>;
    'onair-quiz-leaderboard': VueElement<OnairQuizLeaderboard, BoardProps, 'onair-error'>;
    'onair-lucky-draw': VueElement<OnairLuckyDraw, DrawProps, DrawEvents>;
  }
}
