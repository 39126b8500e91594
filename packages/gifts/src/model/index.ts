export * from './gifts.js';
export * from './limits.js';
export * from './memory.js';
export * from './schema.js';
