export * from '@onair/gifts/onair-gift-feed.js';
