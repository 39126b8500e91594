export * from '@onair/games/onair-quiz-leaderboard.js';
