// React 19 and Vue typings for <onair-quiz> and <onair-quiz-leaderboard>, brought in by the
// elements' declarations. Copied to dist/types by the build (tsc does not emit hand-written .d.ts).
import type { ReactElementProps, VueElement } from '@onair/core/element.js';
import type { OnairQuizLeaderboard } from './leaderboard/leaderboard.js';
import type { OnairQuiz } from './quiz/quiz.js';
import type { OnairRedPacketRain } from './rain/rain.js';

type QuizProps = 'quizId' | 'playerName' | 'theme' | 'room';
type QuizEvents = 'onair-answer-request' | 'onair-answer' | 'onair-error';
type BoardProps = 'quizId' | 'theme' | 'room';
type RainProps = 'rainId' | 'playerName' | 'calm' | 'theme' | 'room';
type RainEvents = 'onair-packet-open' | 'onair-error';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'onair-quiz': ReactElementProps<OnairQuiz, QuizProps, QuizEvents>;
      'onair-quiz-leaderboard': ReactElementProps<OnairQuizLeaderboard, BoardProps, 'onair-error'>;
      'onair-red-packet-rain': ReactElementProps<OnairRedPacketRain, RainProps, RainEvents>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'onair-quiz': VueElement<OnairQuiz, QuizProps, QuizEvents>;
    'onair-quiz-leaderboard': VueElement<OnairQuizLeaderboard, BoardProps, 'onair-error'>;
    'onair-red-packet-rain': VueElement<OnairRedPacketRain, RainProps, RainEvents>;
  }
}
