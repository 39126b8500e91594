export * from '@onair/games/onair-red-packet-rain.js';
