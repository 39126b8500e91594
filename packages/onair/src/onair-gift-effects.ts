export * from '@onair/gifts/onair-gift-effects.js';
