export * from '@onair/campaign/onair-slot.js';
