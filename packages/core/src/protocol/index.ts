// Public surface of `@onair/core/protocol.js`: wire types, limits and the frame codec, with no
// runtime dependencies, for the browser client, the in-page room and servers alike.
export * from './action-keys.js';
export * from './codec.js';
export * from './frames.js';
export * from './keys.js';
export * from './split.js';
