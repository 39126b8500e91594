export * from '@onair/gifts/onair-gift-panel.js';
