export * from './format.js';
export * from './locale.js';
export { coreMessage } from './messages.js';
