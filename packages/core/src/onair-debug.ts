// First: lit-html must not load before the Trusted Types guard (see trusted-types.ts).
import './trusted-types.js';
import { OnairDebug } from './debug/debug.js';

// Declarations only: the event map and the React/Vue typings reach every project that imports it.
export type { OnairErrorDetail } from './events.js';
export type {} from './jsx.js';

export { OnairDebug };

OnairDebug.define('onair-debug');

declare global {
  interface HTMLElementTagNameMap {
    'onair-debug': OnairDebug;
  }
}
