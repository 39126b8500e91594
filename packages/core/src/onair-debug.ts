import { OnairDebug } from './debug/debug.js';

export { OnairDebug };

OnairDebug.define('onair-debug');

declare global {
  interface HTMLElementTagNameMap {
    'onair-debug': OnairDebug;
  }
}
