import { OnairGiftPanel } from './panel/panel.js';

export { OnairGiftPanel };

OnairGiftPanel.define('onair-gift-panel');

declare global {
  interface HTMLElementTagNameMap {
    'onair-gift-panel': OnairGiftPanel;
  }
}
