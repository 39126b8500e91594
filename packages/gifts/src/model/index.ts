export * from './feature.js';
export * from './gifts.js';
export * from './limits.js';
export * from './schema.js';
