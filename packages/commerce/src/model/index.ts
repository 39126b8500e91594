export * from './attribution.js';
export * from './feature.js';
export * from './product.js';
export * from './schema.js';
export * from './validate.js';
