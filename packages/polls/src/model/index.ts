export * from './poll.js';
export * from './schema.js';
