/** Registers every Onair element. Import `onair/<tag>.js` instead to register just one. */

// The room is defined first: a widget already in the page's markup asks for its room as it is
// defined, and a request made before <onair-room> exists is never answered (the autoloader, too,
// loads the room first).
import './onair-room.js';

export * from './onair-debug.js';
export * from './onair-gift-effects.js';
export * from './onair-gift-feed.js';
export * from './onair-gift-panel.js';
export * from './onair-lucky-draw.js';
export * from './onair-poll.js';
export * from './onair-product-card.js';
export * from './onair-product-shelf.js';
export * from './onair-quiz.js';
export * from './onair-quiz-leaderboard.js';
export * from './onair-red-packet-rain.js';
export * from './onair-room.js';
export * from './onair-slot.js';
export * from './onair-survey.js';
