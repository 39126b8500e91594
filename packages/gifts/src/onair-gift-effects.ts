import { OnairGiftEffects } from './effects/effects.js';

// Declarations only: the React/Vue typings reach every project that imports this element.
export type {} from './jsx.js';

export { OnairGiftEffects };

OnairGiftEffects.define('onair-gift-effects');

declare global {
  interface HTMLElementTagNameMap {
    'onair-gift-effects': OnairGiftEffects;
  }
}
