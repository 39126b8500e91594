export * from './feature.js';
export * from './poll.js';
export * from './schema.js';
export * from './validate.js';
