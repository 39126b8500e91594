import { OnairQuiz } from './quiz/quiz.js';

// Declarations only: the event map (`onair-answer` …) and the React/Vue typings reach every
// project that imports this element.
export type { AnswerDetail, AnswerRequestDetail } from './events.js';
export type {} from './jsx.js';

export { OnairQuiz };

OnairQuiz.define('onair-quiz');

declare global {
  interface HTMLElementTagNameMap {
    'onair-quiz': OnairQuiz;
  }
}
