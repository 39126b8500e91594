export * from '@onair/games/onair-lucky-draw.js';
