export * from '@onair/games/onair-quiz.js';
