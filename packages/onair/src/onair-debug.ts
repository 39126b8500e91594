export * from '@onair/core/onair-debug.js';
