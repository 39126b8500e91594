import { OnairSlot } from './slot/slot.js';

export type {} from './jsx.js';
export { OnairSlot };

OnairSlot.define('onair-slot');

declare global {
  interface HTMLElementTagNameMap {
    'onair-slot': OnairSlot;
  }
}
