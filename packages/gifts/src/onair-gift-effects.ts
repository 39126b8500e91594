import { OnairGiftEffects } from './effects/effects.js';

export { OnairGiftEffects };

OnairGiftEffects.define('onair-gift-effects');

declare global {
  interface HTMLElementTagNameMap {
    'onair-gift-effects': OnairGiftEffects;
  }
}
