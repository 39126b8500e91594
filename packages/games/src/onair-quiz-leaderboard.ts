import { OnairQuizLeaderboard } from './leaderboard/leaderboard.js';

export type {} from './jsx.js';

export { OnairQuizLeaderboard };

OnairQuizLeaderboard.define('onair-quiz-leaderboard');

declare global {
  interface HTMLElementTagNameMap {
    'onair-quiz-leaderboard': OnairQuizLeaderboard;
  }
}
