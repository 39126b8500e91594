export * from '@onair/core/onair-room.js';
