export * from './events.js';
export { OnairQuizLeaderboard } from './leaderboard/leaderboard.js';
export * from './model/index.js';
export { OnairQuiz } from './quiz/quiz.js';
export { createQuizStore, type QuizPhase, type QuizStore, type QuizView } from './quiz/quiz-store.js';
export { OnairRedPacketRain } from './rain/rain.js';
export { createRainStore, type RainPhase, type RainStore, type RainView } from './rain/rain-store.js';
