/** Registers every Onair element. Import `onair/<tag>.js` instead to register just one. */

export * from './onair-debug.js';
export * from './onair-gift-effects.js';
export * from './onair-gift-feed.js';
export * from './onair-gift-panel.js';
export * from './onair-poll.js';
export * from './onair-product-card.js';
export * from './onair-product-shelf.js';
export * from './onair-quiz.js';
export * from './onair-quiz-leaderboard.js';
export * from './onair-room.js';
export * from './onair-survey.js';
